import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, requireExpectedVersion } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunitiesById } from '../db/opportunity-rows';
import { ViolationCollector } from '../domain/rule-errors';
import { recordEvent } from '../events/sales-events';
import { has, managesTeam } from '../policy/deal-access';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { readDealFields, writeDealFields, type DealFieldsInput } from './deal-fields';
import type { OpportunityService } from './opportunity-service';
import type { UserTeams } from './user-teams';

export interface ContactRoleInput {
  contactId: string;
  role: string;
  isPrimary: boolean;
}

export const maxContactRoles = 50;

/** Changes to a deal's fields, contact roles and owner; each audited, each under the deal's optimistic version. */
export class DealEditing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly opportunities: OpportunityService,
    private readonly customers: CustomerAccounts,
    private readonly users: UserTeams,
  ) {}

  async update(id: string, input: DealFieldsInput, expectedVersion: number, actor: Actor): Promise<OpportunityRow> {
    const values = readDealFields(input, ['input']);
    return this.dataSource.transaction(async (tx) => {
      const deal = await this.opportunities.lockForEdit(tx, id, actor);
      requireExpectedVersion('opportunity', deal, expectedVersion);
      const [stage]: { probability: string }[] = await tx.query(
        `SELECT probability::text AS probability FROM pipeline_stages WHERE id = $1`,
        [deal.stageId],
      );
      const changes = await writeDealFields(tx, deal, values, actor, stage.probability, ['input']);
      if (changes.length) await audit(tx, actor, 'opportunity.updated', { type: 'opportunity', id }, changes);
      return (await opportunitiesById(tx, [id])).get(id)!;
    });
  }

  /**
   * Replaces the deal's contact roles. The customer service's gRPC API has no contact lookup yet, so it checks that
   * the deal's account exists and that the caller may read it; the contacts themselves are not checked there.
   */
  async setContactRoles(
    id: string,
    roles: ContactRoleInput[],
    expectedVersion: number | null | undefined,
    actor: Actor,
    token: string,
  ): Promise<OpportunityRow> {
    const check = new ViolationCollector();
    const seen = new Set<string>();
    const clean = roles.map((r, index) => {
      const path = ['input', 'roles', index];
      if (!isUuid(r.contactId)) check.add([...path, 'contactId'], 'uuid', 'must be a UUID');
      else if (seen.has(r.contactId)) check.add([...path, 'contactId'], 'unique', 'names a contact twice');
      seen.add(r.contactId);
      const role = r.role.trim().replace(/\s+/g, ' ');
      if (!role || [...role].length > 60) check.add([...path, 'role'], 'length', 'must be 1 to 60 characters');
      return { contactId: r.contactId, role, isPrimary: r.isPrimary };
    });
    if (clean.filter((r) => r.isPrimary).length > 1)
      check.add(['input', 'roles'], 'one_primary', 'at most one primary');
    if (clean.length > maxContactRoles) check.add(['input', 'roles'], 'max_items', `at most ${maxContactRoles} roles`);
    check.throwIfAny();
    const pre = await this.opportunities.get(id, actor);
    await this.customers.requireReadable(pre.accountId, token);
    return this.dataSource.transaction(async (tx) => {
      const deal = await this.opportunities.lockForEdit(tx, id, actor);
      requireExpectedVersion('opportunity', deal, expectedVersion);
      const before = await this.contactRoles(tx, id);
      await tx.query(`DELETE FROM opportunity_contact_roles WHERE opportunity_id = $1`, [id]);
      for (const r of clean) {
        await tx.query(
          `INSERT INTO opportunity_contact_roles (opportunity_id, contact_id, role, is_primary) VALUES ($1, $2, $3, $4)`,
          [id, r.contactId, r.role, r.isPrimary],
        );
      }
      const primary = clean.find((r) => r.isPrimary)?.contactId ?? null;
      await tx.query(
        `UPDATE opportunities SET primary_contact_id = $2, updated_by = $3, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, primary, actor.id],
      );
      await audit(
        tx,
        actor,
        'opportunity.contact_roles_set',
        { type: 'opportunity', id },
        changesOf([
          { field: 'contactRoles', before, after: clean },
          { field: 'primaryContactId', before: deal.primaryContactId, after: primary },
        ]),
      );
      return (await opportunitiesById(tx, [id])).get(id)!;
    });
  }

  /** The contact roles of each deal, primary first (one statement for a page of deals). */
  async contactRolesOf(ids: readonly string[]): Promise<Map<string, ContactRoleInput[]>> {
    const rows: (ContactRoleInput & { opportunityId: string })[] = await this.dataSource.query(
      `SELECT opportunity_id AS "opportunityId", contact_id AS "contactId", role, is_primary AS "isPrimary"
         FROM opportunity_contact_roles WHERE opportunity_id = ANY($1::uuid[]) ORDER BY is_primary DESC, role, contact_id`,
      [ids.filter(isUuid)],
    );
    const byDeal = new Map<string, ContactRoleInput[]>(ids.map((id) => [id, []]));
    for (const { opportunityId, ...role } of rows) byDeal.get(opportunityId)?.push(role);
    return byDeal;
  }

  private async contactRoles(manager: EntityManager, id: string): Promise<ContactRoleInput[]> {
    return manager.query(
      `SELECT contact_id AS "contactId", role, is_primary AS "isPrimary" FROM opportunity_contact_roles
        WHERE opportunity_id = $1 ORDER BY is_primary DESC, role, contact_id`,
      [id],
    );
  }

  /**
   * Hands a deal to another owner: the owner's managers and crm-admin; a manager only to someone in a team they manage.
   * Only owner and team change: stage, fields, history, line items, contact roles, quotes and contracts stay.
   */
  async transfer(id: string, newOwnerId: string, reason: string, actor: Actor): Promise<OpportunityRow> {
    if (!isUuid(newOwnerId)) throw InputError.single(['newOwnerId'], 'uuid', 'must be a UUID');
    const why = reason.trim();
    if (!why || [...why].length > 2000) throw InputError.single(['reason'], 'length', 'must be 1 to 2000 characters');
    const teams = await this.users.teamsOf(newOwnerId);
    if (teams === null) throw InputError.single(['newOwnerId'], 'user', 'is not an enabled user of the CRM');
    const admin = has(actor, Roles.admin);
    const managed = teams.filter((t) => managesTeam(actor, t));
    if (!admin && !managed.length) {
      throw new NotAllowedError('a manager transfers a deal only to someone in a team they manage', {
        path: ['newOwnerId'],
        rule: 'managed_team',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const deal = await this.opportunities.lockForEdit(tx, id, actor);
      if (!admin && !managesTeam(actor, deal.teamId)) {
        throw new NotAllowedError('only the owner’s managers and crm-admin transfer a deal', { opportunityId: id });
      }
      if (deal.ownerId === newOwnerId) {
        throw InputError.single(['newOwnerId'], 'same_owner', 'already owns the deal');
      }
      // The new owner's team: the deal's team if they are in it, else the one the manager manages, else their first.
      const teamId = teams.includes(deal.teamId ?? '') ? deal.teamId : (managed[0] ?? teams[0] ?? deal.teamId);
      await tx.query(
        `UPDATE opportunities SET owner_id = $2, team_id = $3, updated_by = $4, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, newOwnerId, teamId, actor.id],
      );
      const after = (await opportunitiesById(tx, [id])).get(id)!;
      await recordEvent(
        tx,
        'opportunityOwnerChanged',
        actor,
        { type: 'opportunity', id, version: after.version },
        { opportunityId: id, previousOwnerId: deal.ownerId, ownerId: newOwnerId, teamId: teamId ?? '' },
      );
      await audit(
        tx,
        actor,
        'opportunity.transferred',
        { type: 'opportunity', id },
        changesOf([
          { field: 'ownerId', before: deal.ownerId, after: newOwnerId },
          { field: 'teamId', before: deal.teamId, after: teamId },
        ]).filter((c) => c.before !== c.after),
        { reason: why },
      );
      return after;
    });
  }
}
