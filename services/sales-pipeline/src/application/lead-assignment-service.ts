import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { ascendingListPage, type CountablePage } from '@crm/platform/pagination';
import {
  assignWith,
  chooseRule,
  validateAssignmentRule,
  type AssignmentRule,
  type LeadRoutingFacts,
} from '../domain/lead-assignment';
import { has } from '../policy/deal-access';

/** The owner and team a rule picked for a captured lead. */
export interface LeadAssignment {
  ownerId: string;
  teamId: string;
  ruleId: string;
}

interface RuleRecord {
  id: string;
  priority: number;
  strategy: AssignmentRule['strategy'];
  teamId: string;
  regions: string[];
  industries: string[];
  sources: string[];
  members: string[];
}

const ruleColumns = `id, priority, strategy, team_id AS "teamId", match_regions AS regions,
  match_industries AS industries, match_sources AS sources, members::text[] AS members`;

const toRule = (r: RuleRecord): AssignmentRule => ({
  id: r.id,
  priority: r.priority,
  strategy: r.strategy,
  teamId: r.teamId,
  match: { regions: r.regions, industries: r.industries, sources: r.sources },
  members: r.members,
});

const openStatuses = ['new', 'working', 'qualified'];
/** The capture channels a rule's `sources` may name (leads.source). */
const leadSources = ['graphql', 'web_form', 'import'];

function requireAdmin(actor: Actor): void {
  if (!has(actor, Roles.admin)) throw new NotAllowedError('only crm-admin configures lead assignment rules');
}

/** Lead assignment rules as data (crm-admin edits them without a deploy) and their evaluation on capture. */
export class LeadAssignmentService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the rules in the order they are tried (keyset: priority, id). */
  async list(
    actor: Actor,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<AssignmentRule>> {
    requireAdmin(actor);
    const page = await ascendingListPage<RuleRecord>(this.dataSource, {
      select: `SELECT ${ruleColumns} FROM lead_assignment_rules`,
      from: 'FROM lead_assignment_rules',
      order: [
        { column: 'priority', type: 'int' },
        { column: 'id', type: 'text' },
      ],
      first,
      after,
      cursorOf: (r) => [r.priority, r.id],
    });
    return { ...page, items: page.items.map(toRule) };
  }

  /** Creates or replaces the rule with this id; members are user ids, in round-robin order. */
  async define(input: Record<string, unknown>, actor: Actor): Promise<AssignmentRule> {
    requireAdmin(actor);
    const rule = validateAssignmentRule(input);
    if (rule.id.length > 64) throw InputError.single(['input', 'id'], 'max_length', 'at most 64 characters');
    const badSource = (rule.match.sources ?? []).findIndex((source) => !leadSources.includes(source.toLowerCase()));
    if (badSource >= 0) {
      throw InputError.single(
        ['input', 'match', 'sources', badSource],
        'enum',
        `must be one of ${leadSources.join(', ')}`,
      );
    }
    const badMember = rule.members.findIndex((m) => !isUuid(m));
    if (badMember >= 0) throw InputError.single(['input', 'members', badMember], 'uuid', 'must be a user id (UUID)');
    return this.dataSource.transaction(async (tx) => {
      const [before]: RuleRecord[] = await tx.query(
        `SELECT ${ruleColumns} FROM lead_assignment_rules WHERE id = $1 FOR UPDATE`,
        [rule.id],
      );
      await tx.query(
        `INSERT INTO lead_assignment_rules (id, priority, strategy, team_id, match_regions, match_industries,
           match_sources, members, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, now())
         ON CONFLICT (id) DO UPDATE SET priority = $2, strategy = $3, team_id = $4, match_regions = $5,
           match_industries = $6, match_sources = $7, members = $8::uuid[], updated_by = $9, updated_at = now()`,
        [
          rule.id,
          rule.priority,
          rule.strategy,
          rule.teamId,
          rule.match.regions ?? [],
          rule.match.industries ?? [],
          rule.match.sources ?? [],
          rule.members,
          actor.id,
        ],
      );
      await tx.query(`INSERT INTO lead_assignment_state (rule_id) VALUES ($1) ON CONFLICT DO NOTHING`, [rule.id]);
      await audit(
        tx,
        actor,
        before ? 'lead_assignment_rule.changed' : 'lead_assignment_rule.defined',
        { type: 'lead_assignment_rule', id: rule.id },
        [{ field: 'rule', before: before ? toRule(before) : null, after: rule }],
      );
      return rule;
    });
  }

  async delete(id: string, actor: Actor): Promise<boolean> {
    requireAdmin(actor);
    return this.dataSource.transaction(async (tx) => {
      const [before]: RuleRecord[] = await tx.query(
        `DELETE FROM lead_assignment_rules WHERE id = $1 RETURNING ${ruleColumns}`,
        [id],
      );
      if (!before) throw new NotFoundError('lead assignment rule', id);
      await audit(tx, actor, 'lead_assignment_rule.deleted', { type: 'lead_assignment_rule', id }, [
        { field: 'rule', before: toRule(before), after: null },
      ]);
      return true;
    });
  }

  /**
   * The owner the first fitting rule picks, inside the capturing transaction: the rule's state row stays locked until
   * that transaction commits, so replicas capturing at once take turns and never hand out the same turn twice.
   */
  async assign(tx: EntityManager, lead: LeadRoutingFacts): Promise<LeadAssignment | null> {
    const rows: RuleRecord[] = await tx.query(`SELECT ${ruleColumns} FROM lead_assignment_rules`);
    const rule = chooseRule(rows.map(toRule), lead);
    if (!rule) return null;
    // define() created the state row with the rule (and deletes cascade), so locking it is all a capture needs.
    const [state]: { lastAssignedId: string | null }[] = await tx.query(
      `SELECT last_assigned_id AS "lastAssignedId" FROM lead_assignment_state WHERE rule_id = $1 FOR UPDATE`,
      [rule.id],
    );
    const openLeadCounts: Record<string, number> = {};
    if (rule.strategy === 'least_loaded') {
      const counts: { ownerId: string; open: number }[] = await tx.query(
        `SELECT owner_id AS "ownerId", count(*)::int AS open FROM leads
          WHERE owner_id = ANY($1::uuid[]) AND status = ANY($2::text[]) GROUP BY owner_id`,
        [rule.members, openStatuses],
      );
      for (const c of counts) openLeadCounts[c.ownerId] = c.open;
    }
    const ownerId = assignWith(rule, { lastAssignedId: state?.lastAssignedId ?? null, openLeadCounts });
    await tx.query(`UPDATE lead_assignment_state SET last_assigned_id = $2 WHERE rule_id = $1`, [rule.id, ownerId]);
    return { ownerId, teamId: rule.teamId, ruleId: rule.id };
  }
}
