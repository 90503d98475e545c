// Assignment of new tickets by the rules of their queue. The rules: domain/ticket-assignment.ts; stored and edited:
// db/ticket-assignment-rule-rows.ts, ticket-assignment-rule-service.ts; who may: policy/assignment-access.ts; SDL:
// graphql/assignment.graphql; the unassigned alert job: unassigned-alerts.ts; offboarding and merges: ticket-handover.ts.
import type { TicketChangeListener } from './ticket-change-listeners';
import { pickByRules } from './rule-assignment';
import type { TicketWorkflow } from './ticket-workflow';

/**
 * A new ticket waiting unassigned in its queue goes to the agent the first fitting rule picks, in the creating
 * transaction: agent set, status assigned, history, `ticket.assigned` and an audit row naming the rule. Tickets that
 * come back to the queue later (given back, offboarded agent, reopened without agent) wait for a claim or a manager.
 */
export function autoAssignment(workflow: TicketWorkflow): TicketChangeListener {
  return async (tx, ticket, change, actor) => {
    if (change !== 'created' || ticket.agentId !== null || ticket.status !== 'new') return;
    const pick = await pickByRules(tx, ticket);
    if (!pick) return;
    await workflow.assignLocked(tx, ticket, pick.agentId, actor, 'ticket.auto_assigned', {
      ruleId: pick.ruleId,
      ruleName: pick.ruleName,
    });
  };
}
