import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import {
  boundedCountsPerParent,
  keysetListPage,
  newestFirst,
  pagesPerParent,
  SqlParameters,
  type CountablePage,
  type Page,
  type TotalCount,
} from '@crm/platform/pagination';
import { leadColumns, leadsById, type LeadRow, type LeadSource } from '../db/lead-rows';
import { transitionLead, type LeadStatus } from '../domain/lead-rules';
import { notAllowed, preconditionFailed } from '../domain/rule-errors';
import { recordEvent } from '../events/sales-events';
import { assignableLeadTeams, canAssignLead, leadAccess, leadVisibilitySql } from '../policy/lead-access';
import { checkLeadInput, type LeadInput } from './lead-capture';
import type { UserTeams } from './user-teams';

export interface LeadFilter {
  ownerId?: string | null;
  teamId?: string | null;
  status?: LeadStatus | null;
  source?: LeadSource | null;
}

const editable = ['companyName', 'personName', 'title', 'email', 'phone', 'industry', 'region'] as const;

/** Leads after capture: read by the row rules, edited, qualified or disqualified, reassigned by hand. */
export class LeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exactCountUpTo: number,
    private readonly users: UserTeams,
  ) {}

  async get(id: string, actor: Actor): Promise<LeadRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const lead = (await leadsById(this.dataSource.manager, [id])).get(id);
    if (!lead) throw new NotFoundError('lead', id);
    if (leadAccess(actor, lead) === 'none') throw new NotAllowedError(`lead ${id} is not yours to see`, { leadId: id });
    return lead;
  }

  /** The leads among `ids` the actor may read, in the order asked (missing and hidden ones left out). */
  async batchGet(ids: readonly string[], actor: Actor): Promise<LeadRow[]> {
    const rows = await leadsById(this.dataSource.manager, ids.filter(isUuid));
    return ids.map((id) => rows.get(id)).filter((r): r is LeadRow => !!r && leadAccess(actor, r) !== 'none');
  }

  /** Locks a lead for a change and checks the actor may edit it (owner, their team's sales managers, crm-admin). */
  async lockForEdit(tx: EntityManager, id: string, actor: Actor, path: string[] = ['id']): Promise<LeadRow> {
    if (!isUuid(id)) throw InputError.single(path, 'uuid', 'must be a UUID');
    const lead = (await leadsById(tx, [id], { lock: true })).get(id);
    if (!lead) throw new NotFoundError('lead', id);
    const level = leadAccess(actor, lead);
    if (level !== 'edit') {
      throw new NotAllowedError(
        level === 'read' ? `you may read lead ${id} but not change it` : `lead ${id} is not yours`,
        {
          leadId: id,
        },
      );
    }
    return lead;
  }

  async list(
    filter: LeadFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<CountablePage<LeadRow>> {
    const visibility = leadVisibilitySql(actor, 'l', 1);
    const params = new SqlParameters(visibility.params);
    const where = [visibility.sql];
    if (filter.ownerId) {
      if (!isUuid(filter.ownerId)) throw InputError.single(['filter', 'ownerId'], 'uuid', 'must be a UUID');
      where.push(`l.owner_id = ${params.add(filter.ownerId)}::uuid`);
    }
    if (filter.teamId) where.push(`l.team_id = ${params.add(filter.teamId)}`);
    if (filter.status) where.push(`l.status = ${params.add(filter.status)}`);
    if (filter.source) where.push(`l.source = ${params.add(filter.source)}`);
    return keysetListPage<LeadRow>(this.dataSource, {
      select: `SELECT ${leadColumns()} FROM leads l`,
      from: 'FROM leads l',
      conditions: where,
      params,
      ...newestFirst('l', 'updated_at'),
      first,
      after,
      exactCountUpTo: this.exactCountUpTo,
    });
  }

  /** Changes the given fields (null clears one) of a lead that is not converted. */
  async update(id: string, input: LeadInput, actor: Actor): Promise<LeadRow> {
    return this.dataSource.transaction(async (tx) => {
      const lead = await this.lockForEdit(tx, id, actor);
      if (lead.status === 'converted') throw preconditionFailed(['status'], 'lead_status', 'a converted lead is final');
      const merged: LeadInput = {};
      for (const key of editable) merged[key] = input[key] !== undefined ? input[key] : lead[key];
      const fields = checkLeadInput(merged, lead.source, ['input']);
      const changes = changesOf(
        editable
          .map((field) => ({ field, before: lead[field], after: fields[field] }))
          .filter((c) => c.before !== c.after),
      );
      if (!changes.length) return lead;
      await tx.query(
        `UPDATE leads SET company_name = $2, person_name = $3, title = $4, email = $5, phone = $6, industry = $7,
           region = $8, updated_by = $9, updated_at = now(), version = version + 1 WHERE id = $1`,
        [
          id,
          fields.companyName,
          fields.personName,
          fields.title,
          fields.email,
          fields.phone,
          fields.industry,
          fields.region,
          actor.id,
        ],
      );
      await audit(tx, actor, 'lead.updated', { type: 'lead', id }, changes);
      return (await leadsById(tx, [id])).get(id)!;
    });
  }

  /** One step of the lead's life (qualify, disqualify with a reason, back to working). */
  async transition(
    id: string,
    to: LeadStatus,
    details: { reason?: string | null; note?: string | null },
    actor: Actor,
  ): Promise<LeadRow> {
    return this.dataSource.transaction(async (tx) => {
      const lead = await this.lockForEdit(tx, id, actor);
      const next = transitionLead(lead.status, to, details);
      await tx.query(
        `UPDATE leads SET status = $2, disqualify_reason = $3, disqualify_note = $4, updated_by = $5,
           updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, next.status, next.disqualifyReason, next.disqualifyNote, actor.id],
      );
      await audit(
        tx,
        actor,
        `lead.${to}`,
        { type: 'lead', id },
        changesOf([
          { field: 'status', before: lead.status, after: next.status },
          { field: 'disqualifyReason', before: lead.disqualifyReason, after: next.disqualifyReason },
        ]),
        next.disqualifyNote ? { note: next.disqualifyNote } : {},
      );
      return (await leadsById(tx, [id])).get(id)!;
    });
  }

  /**
   * Manual assignment by the lead's team's sales managers or crm-admin, to an enabled user; the team follows the new
   * owner's (`teamId`, one of theirs, when they are in several); a manager only into a team they manage.
   */
  async assign(id: string, ownerId: string, teamId: string | null | undefined, actor: Actor): Promise<LeadRow> {
    if (!isUuid(ownerId)) throw InputError.single(['ownerId'], 'uuid', 'must be a user id (UUID)');
    const ownerTeams = await this.users.teamsOf(ownerId);
    if (ownerTeams === null) throw InputError.single(['ownerId'], 'user', 'is not an enabled user of the CRM');
    const requested = teamId?.trim() || null;
    if (requested !== null && !ownerTeams.includes(requested)) {
      throw InputError.single(['teamId'], 'owner_team', 'must be a team the new owner is in');
    }
    const assignable = assignableLeadTeams(actor, ownerTeams);
    const admin = actor.roles.includes(Roles.admin);
    if (!admin && (requested !== null ? !assignable.includes(requested) : !assignable.length)) {
      throw notAllowed(
        [requested !== null ? 'teamId' : 'ownerId'],
        'managed_team',
        'a manager assigns a lead only to someone in a team they manage',
      );
    }
    return this.dataSource.transaction(async (tx) => {
      if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
      const lead = (await leadsById(tx, [id], { lock: true })).get(id);
      if (!lead) throw new NotFoundError('lead', id);
      if (!canAssignLead(actor, lead)) {
        throw new NotAllowedError(`only the sales managers of the lead's team and crm-admin assign lead ${id}`, {
          leadId: id,
        });
      }
      if (lead.status === 'converted') throw preconditionFailed(['status'], 'lead_status', 'a converted lead is final');
      // The lead's team if the new owner is in it, else one the assigner manages, else the owner's first (crm-admin).
      const team =
        requested ??
        (lead.teamId && ownerTeams.includes(lead.teamId)
          ? lead.teamId
          : (assignable[0] ?? ownerTeams[0] ?? lead.teamId));
      await tx.query(
        `UPDATE leads SET owner_id = $2, team_id = $3, assignment_rule_id = NULL, updated_by = $4, updated_at = now(),
           version = version + 1 WHERE id = $1`,
        [id, ownerId, team, actor.id],
      );
      await recordEvent(
        tx,
        'leadAssigned',
        actor,
        { type: 'lead', id, version: lead.version + 1 },
        { leadId: id, ownerId, previousOwnerId: lead.ownerId ?? '', teamId: team ?? '', ruleId: '' },
      );
      await audit(
        tx,
        actor,
        'lead.assigned',
        { type: 'lead', id },
        changesOf([
          { field: 'ownerId', before: lead.ownerId, after: ownerId },
          { field: 'teamId', before: lead.teamId, after: team },
        ]),
      );
      return (await leadsById(tx, [id])).get(id)!;
    });
  }

  /** Account.leads for a page of accounts: the visible leads converted into each (one statement). */
  async pagesByAccount(
    accountIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<Map<string, Page<LeadRow>>> {
    const visibility = leadVisibilitySql(actor, 'l', 2);
    return pagesPerParent<LeadRow>(this.dataSource, {
      childSql: `SELECT ${leadColumns()} FROM leads l WHERE l.converted_account_id = parent.id AND ${visibility.sql}`,
      parameters: visibility.params,
      parentIds: accountIds.filter(isUuid),
      ...newestFirst('l', 'created_at'),
      first,
      after,
      parentOf: (r) => r.convertedAccountId!,
    });
  }

  countsByAccount(accountIds: readonly string[], actor: Actor): Promise<Map<string, TotalCount>> {
    const visibility = leadVisibilitySql(actor, 'l', 2);
    return boundedCountsPerParent(
      this.dataSource,
      `SELECT 1 FROM leads l WHERE l.converted_account_id = parent.id AND ${visibility.sql}`,
      visibility.params,
      accountIds.filter(isUuid),
      this.exactCountUpTo,
    );
  }
}
