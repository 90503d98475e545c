import type { EntityManager } from 'typeorm';
import { ascendingListPage, SqlParameters, type CountablePage } from '@crm/platform/pagination';
import type { TicketPriority } from '../domain/sla-policy';
import type { AssignmentStrategy, TicketAssignmentRule } from '../domain/ticket-assignment';
import type { ValidRuleDefinition } from '../domain/ticket-assignment-rule-input';

/** A stored rule: the domain's rule with who changed it last and its version. */
export interface TicketAssignmentRuleRow extends TicketAssignmentRule {
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  version: number;
}

interface RuleRecord {
  id: string;
  name: string;
  position: number;
  teamId: string;
  categories: string[];
  skills: string[];
  complaint: boolean | null;
  priority: TicketPriority | null;
  strategy: AssignmentStrategy;
  active: boolean;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  version: number;
  members: { agentId: string; skills: string[] }[];
}

const ruleSelect = `
  SELECT r.id, r.name, r.position, r.team_id AS "teamId", r.match_categories AS categories, r.match_skills AS skills,
         r.match_complaint AS complaint, r.match_priority AS priority, r.strategy, r.active,
         r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_by AS "updatedBy",
         r.updated_at AS "updatedAt", r.version,
         COALESCE((SELECT json_agg(json_build_object('agentId', m.agent_id, 'skills', m.skills) ORDER BY m.ordinal)
                     FROM ticket_assignment_rule_members m WHERE m.rule_id = r.id), '[]') AS members
    FROM ticket_assignment_rules r`;

const toRule = (r: RuleRecord): TicketAssignmentRuleRow => ({
  id: r.id,
  name: r.name,
  position: r.position,
  teamId: r.teamId,
  match: { categories: r.categories, skills: r.skills, complaint: r.complaint, priority: r.priority },
  strategy: r.strategy,
  members: r.members,
  active: r.active,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
  version: r.version,
});

/** Rules in the order they are tried; only the given teams' when `teamIds` is set. */
export async function assignmentRules(
  manager: EntityManager,
  filter: { teamIds?: readonly string[]; activeOnly?: boolean } = {},
): Promise<TicketAssignmentRuleRow[]> {
  const rows: RuleRecord[] = await manager.query(
    `${ruleSelect}
      WHERE ($1::text[] IS NULL OR r.team_id = ANY($1::text[])) AND (NOT $2 OR r.active)
      ORDER BY r.position, r.id`,
    [filter.teamIds ?? null, filter.activeOnly ?? false],
  );
  return rows.map(toRule);
}

/** A page of the rules in the order they are tried (position, then id); only the given teams' when `teamIds` is set. */
export async function assignmentRulePage(
  manager: EntityManager,
  query: { teamIds?: readonly string[]; first?: number | null; after?: string | null },
): Promise<CountablePage<TicketAssignmentRuleRow>> {
  const params = new SqlParameters();
  const conditions = query.teamIds ? [`r.team_id = ANY(${params.add(query.teamIds)}::text[])`] : [];
  const page = await ascendingListPage<RuleRecord>(manager, {
    select: ruleSelect,
    from: 'FROM ticket_assignment_rules r',
    conditions,
    params,
    order: [
      { column: 'r.position', type: 'int' },
      { column: 'r.id', type: 'uuid' },
    ],
    first: query.first,
    after: query.after,
    cursorOf: (r) => [r.position, r.id],
  });
  return { ...page, items: page.items.map(toRule) };
}

/** One rule, locked for the rest of the transaction when `lock` is set; null when there is none. */
export async function assignmentRuleById(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<TicketAssignmentRuleRow | null> {
  const [row]: RuleRecord[] = await manager.query(`${ruleSelect} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [
    id,
  ]);
  return row ? toRule(row) : null;
}

async function writeMembers(manager: EntityManager, ruleId: string, rule: ValidRuleDefinition): Promise<void> {
  await manager.query(`DELETE FROM ticket_assignment_rule_members WHERE rule_id = $1`, [ruleId]);
  await manager.query(
    `INSERT INTO ticket_assignment_rule_members (rule_id, agent_id, ordinal, skills)
     SELECT $1, m.agent_id, m.ordinal, ARRAY(SELECT jsonb_array_elements_text(m.skills))
       FROM jsonb_to_recordset($2::jsonb) AS m(agent_id uuid, ordinal int, skills jsonb)`,
    [ruleId, JSON.stringify(rule.members.map((m, ordinal) => ({ agent_id: m.agentId, ordinal, skills: m.skills })))],
  );
}

/** Writes a rule (a new one, or a new definition of an existing one: version bumped) with its members and state row. */
export async function saveAssignmentRule(
  manager: EntityManager,
  id: string,
  rule: ValidRuleDefinition,
  actorId: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO ticket_assignment_rules (id, name, position, team_id, match_categories, match_skills,
       match_complaint, match_priority, strategy, active, created_by, created_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), $11, now())
     ON CONFLICT (id) DO UPDATE SET name = $2, position = $3, team_id = $4, match_categories = $5, match_skills = $6,
       match_complaint = $7, match_priority = $8, strategy = $9, active = $10, updated_by = $11, updated_at = now(),
       version = ticket_assignment_rules.version + 1`,
    [
      id,
      rule.name,
      rule.position,
      rule.teamId,
      rule.match.categories,
      rule.match.skills,
      rule.match.complaint,
      rule.match.priority,
      rule.strategy,
      rule.active,
      actorId,
    ],
  );
  await writeMembers(manager, id, rule);
  await manager.query(`INSERT INTO ticket_assignment_state (rule_id) VALUES ($1) ON CONFLICT DO NOTHING`, [id]);
}
