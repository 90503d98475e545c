import type { EntityManager } from 'typeorm';
import { chooseRule, pickAgent, priorityWeights, type RoutingTicket } from '../domain/ticket-assignment';
import type { TicketPriority } from '../domain/sla-policy';
import { assignmentRules } from '../db/ticket-assignment-rule-rows';

/** The agent a rule picked for a ticket, and which rule. */
export interface RulePick {
  agentId: string;
  ruleId: string;
  ruleName: string;
}

const openStatuses = ['assigned', 'in_progress', 'waiting_on_customer'];

/** Each agent's load for least loaded: their open tickets (any queue) weighted by priority. */
async function loadsOf(tx: EntityManager, agentIds: string[]): Promise<Record<string, number>> {
  const rows: { agentId: string; priority: TicketPriority; open: number }[] = await tx.query(
    `SELECT agent_id AS "agentId", priority, count(*)::int AS open FROM tickets
      WHERE agent_id = ANY($1::uuid[]) AND status = ANY($2::text[]) AND deleted_at IS NULL
      GROUP BY agent_id, priority`,
    [agentIds, openStatuses],
  );
  const loads: Record<string, number> = {};
  for (const row of rows) loads[row.agentId] = (loads[row.agentId] ?? 0) + priorityWeights[row.priority] * row.open;
  return loads;
}

/**
 * The agent the first fitting rule of the ticket's queue picks, inside the ticket's transaction. The rule's state row
 * stays locked until that transaction commits, so two replicas creating tickets at once take turns: the second reads
 * the pointer (and, for least loaded, the loads) the first one committed. Null when no rule takes the ticket.
 */
export async function pickByRules(tx: EntityManager, ticket: RoutingTicket): Promise<RulePick | null> {
  const rules = await assignmentRules(tx, { teamIds: [ticket.teamId], activeOnly: true });
  const rule = chooseRule(rules, ticket);
  if (!rule) return null;
  const [state]: { lastAssignedId: string | null }[] = await tx.query(
    `SELECT last_assigned_id AS "lastAssignedId" FROM ticket_assignment_state WHERE rule_id = $1 FOR UPDATE`,
    [rule.id],
  );
  // Deleted while we waited for its lock: this ticket waits in the queue like one no rule takes.
  if (!state) return null;
  const loads =
    rule.strategy === 'least_loaded'
      ? await loadsOf(
          tx,
          rule.members.map((m) => m.agentId),
        )
      : {};
  const agentId = pickAgent(rule, ticket, { lastAssignedId: state.lastAssignedId, loads });
  if (!agentId) return null;
  await tx.query(`UPDATE ticket_assignment_state SET last_assigned_id = $2 WHERE rule_id = $1`, [rule.id, agentId]);
  return { agentId, ruleId: rule.id, ruleName: rule.name };
}
