import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor, UserDirectory } from '@crm/platform/auth';
import { NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import { isUuid } from '@crm/platform/ids';
import type { CountablePage } from '@crm/platform/pagination';
import {
  validateAssignmentRule,
  type TicketAssignmentRuleInput,
  type ValidRuleDefinition,
} from '../domain/ticket-assignment-rule-input';
import {
  assignmentRuleById,
  assignmentRulePage,
  saveAssignmentRule,
  type TicketAssignmentRuleRow,
} from '../db/ticket-assignment-rule-rows';
import { assignmentTeamsOf, mayConfigureAssignment } from '../policy/assignment-access';
import { requireTeamAgents } from './team-agent-check';

export type DefineAssignmentRuleInput = TicketAssignmentRuleInput & { idempotencyKey?: string | null };
/** Fields left out keep their value; `match` and `members`, when given, replace the whole list. */
export type UpdateAssignmentRuleInput = Partial<{
  [K in keyof TicketAssignmentRuleInput]: TicketAssignmentRuleInput[K] | null;
}>;

const entity = (id: string) => ({ type: 'ticket_assignment_rule', id });

function requireConfigure(actor: Actor, teamId: string): void {
  if (!mayConfigureAssignment(actor, teamId))
    throw new NotAllowedError(`only crm-admin and the managers of team ${teamId} configure its assignment rules`);
}

/** A rule's definition as the audit log keeps it (no timestamps, which the audit row has). */
const definition = (rule: ValidRuleDefinition) => ({
  name: rule.name,
  position: rule.position,
  teamId: rule.teamId,
  match: rule.match,
  strategy: rule.strategy,
  members: rule.members,
  active: rule.active,
});

/**
 * Ticket assignment rules as data: crm-admin edits every queue's, a service manager their teams'. Every member must be
 * an enabled user of the rule's team (Keycloak directory). Applied to new tickets by ticket-auto-assignment.ts.
 */
export class TicketAssignmentRuleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
  ) {}

  /** A page of the rules the actor may read, in the order they are tried. */
  async list(
    page: { first?: number | null; after?: string | null },
    actor: Actor,
  ): Promise<CountablePage<TicketAssignmentRuleRow>> {
    const teams = assignmentTeamsOf(actor);
    if (teams !== null && teams.length === 0)
      throw new NotAllowedError('only crm-admin and service managers read assignment rules');
    return assignmentRulePage(this.dataSource.manager, { ...page, ...(teams === null ? {} : { teamIds: teams }) });
  }

  async define(input: DefineAssignmentRuleInput, actor: Actor): Promise<TicketAssignmentRuleRow> {
    const rule = validateAssignmentRule(input);
    requireConfigure(actor, rule.teamId);
    await this.requireMembers(rule);
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        inputRequest(actor.id, 'defineTicketAssignmentRule', input),
        async () => {
          const id = randomUUID();
          await saveAssignmentRule(tx, id, rule, actor.id);
          await audit(tx, actor, 'ticket_assignment_rule.defined', entity(id), [
            { field: 'rule', before: null, after: definition(rule) },
          ]);
          return this.load(tx, id);
        },
        (created) => created.id,
        (id) => this.load(tx, id),
      ),
    );
  }

  async update(id: string, input: UpdateAssignmentRuleInput, actor: Actor): Promise<TicketAssignmentRuleRow> {
    const current = await this.existing(this.dataSource.manager, id, actor);
    const rule = validateAssignmentRule({
      name: input.name ?? current.name,
      position: input.position ?? current.position,
      teamId: input.teamId ?? current.teamId,
      strategy: input.strategy ?? current.strategy,
      match: input.match ?? current.match,
      members: input.members ?? current.members,
      active: input.active ?? current.active,
    });
    requireConfigure(actor, rule.teamId);
    await this.requireMembers(rule);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.existing(tx, id, actor, true);
      await saveAssignmentRule(tx, id, rule, actor.id);
      await audit(tx, actor, 'ticket_assignment_rule.updated', entity(id), [
        { field: 'rule', before: definition(before), after: definition(rule) },
      ]);
      return this.load(tx, id);
    });
  }

  async delete(id: string, actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.existing(tx, id, actor, true);
      await tx.query(`DELETE FROM ticket_assignment_rules WHERE id = $1`, [id]);
      await audit(tx, actor, 'ticket_assignment_rule.deleted', entity(id), [
        { field: 'rule', before: definition(before), after: null },
      ]);
      return true;
    });
  }

  /** The rule, if the actor may configure its team's rules; NOT_FOUND alike for a missing rule and another team's. */
  private async existing(manager: EntityManager, id: string, actor: Actor, lock = false) {
    const rule = isUuid(id) ? await assignmentRuleById(manager, id, lock) : null;
    if (!rule || !mayConfigureAssignment(actor, rule.teamId)) throw new NotFoundError('ticket assignment rule', id);
    return rule;
  }

  private async load(manager: EntityManager, id: string): Promise<TicketAssignmentRuleRow> {
    const rule = await assignmentRuleById(manager, id);
    if (!rule) throw new NotFoundError('ticket assignment rule', id);
    return rule;
  }

  private requireMembers(rule: ValidRuleDefinition): Promise<void> {
    return requireTeamAgents(
      this.directory,
      rule.teamId,
      rule.members.map((member, index) => ({ agentId: member.agentId, path: ['input', 'members', index, 'agentId'] })),
    );
  }
}
