import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotFoundError, requireExpectedVersion, underInput } from '@crm/platform/errors';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import { isUuid, requireUuid } from '@crm/platform/ids';
import { validateSlaPolicy, type SlaPolicy } from '../domain/sla-policy';
import type { CountablePage } from '@crm/platform/pagination';
import {
  calendarsById,
  policiesById,
  policyPage,
  type SettingsPageQuery,
  type SlaPolicyRow,
} from '../db/sla-settings-rows';
import { requireSlaSettingsEditor, requireSlaSettingsReader } from '../policy/sla-settings-access';
import { refusingDuplicateName, settingName } from './sla-settings-checks';

export interface SlaPolicyInput {
  name: string;
  calendarId: string;
  targets: SlaPolicy['targets'];
  complaintOverride: SlaPolicy['complaintOverride'];
  idempotencyKey?: string | null;
}

/**
 * SLA policies, edited by crm-admin without a deploy. A ticket keeps the policy that was the default when it was
 * created (so its promise does not change under it); editing that policy's targets or calendar recomputes its open
 * tickets through the SLA schedule, and a new default applies to tickets created from then on.
 */
export class SlaPolicyService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the policies, the default first, then by name. */
  async list(query: SettingsPageQuery, actor: Actor): Promise<CountablePage<SlaPolicyRow>> {
    requireSlaSettingsReader(actor);
    return policyPage(this.dataSource.manager, query);
  }

  async get(id: string, actor: Actor): Promise<SlaPolicyRow> {
    requireSlaSettingsReader(actor);
    const row = (await policiesById(this.dataSource.manager, [requireUuid(id, ['id'])])).get(id);
    if (!row) throw new NotFoundError('SLA policy', id);
    return row;
  }

  /** For TicketSla.policy: no role check of its own (the ticket was already allowed). */
  async byIds(ids: readonly string[]): Promise<Map<string, SlaPolicyRow>> {
    return policiesById(this.dataSource.manager, ids);
  }

  async define(input: SlaPolicyInput, actor: Actor): Promise<SlaPolicyRow> {
    requireSlaSettingsEditor(actor);
    const policy = this.check(input);
    return refusingDuplicateName(this.dataSource, 'sla_policies_name_unique', 'SLA policy', async (tx) =>
      idempotentCreate(
        tx,
        inputRequest(actor.id, 'defineSlaPolicy', input),
        async () => {
          await this.requireCalendar(tx, policy.calendarId);
          const [{ id }]: { id: string }[] = await tx.query(
            `INSERT INTO sla_policies (name, calendar_id, targets, complaint_override, created_by, updated_by)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
            [
              policy.name,
              policy.calendarId,
              JSON.stringify(policy.targets),
              JSON.stringify(policy.complaintOverride),
              actor.id,
            ],
          );
          await audit(
            tx,
            actor,
            'sla_policy.defined',
            { type: 'sla_policy', id },
            changesOf(Object.entries(policy).map(([field, after]) => ({ field, before: null, after }))),
          );
          return this.require(tx, id);
        },
        (row) => row.id,
        (id) => this.require(tx, id),
      ),
    );
  }

  async update(id: string, expectedVersion: number, input: SlaPolicyInput, actor: Actor): Promise<SlaPolicyRow> {
    requireSlaSettingsEditor(actor);
    requireUuid(id, ['id']);
    const policy = this.check(input);
    return refusingDuplicateName(this.dataSource, 'sla_policies_name_unique', 'SLA policy', async (tx) => {
      const before = await this.lock(tx, id, expectedVersion);
      await this.requireCalendar(tx, policy.calendarId);
      await tx.query(
        `UPDATE sla_policies SET name = $2, calendar_id = $3, targets = $4, complaint_override = $5, updated_by = $6,
           updated_at = now(), version = version + 1 WHERE id = $1`,
        [
          id,
          policy.name,
          policy.calendarId,
          JSON.stringify(policy.targets),
          JSON.stringify(policy.complaintOverride),
          actor.id,
        ],
      );
      const after = await this.require(tx, id);
      await audit(
        tx,
        actor,
        'sla_policy.updated',
        { type: 'sla_policy', id },
        changesOf([
          { field: 'name', before: before.name, after: after.name },
          { field: 'calendarId', before: before.calendarId, after: after.calendarId },
          { field: 'targets', before: before.targets, after: after.targets },
          { field: 'complaintOverride', before: before.complaintOverride, after: after.complaintOverride },
        ]).filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)),
        { version: after.version },
      );
      return after;
    });
  }

  /** Makes this the policy new tickets get; the previous default stays for the tickets that already have it. */
  async setDefault(id: string, expectedVersion: number, actor: Actor): Promise<SlaPolicyRow> {
    requireSlaSettingsEditor(actor);
    requireUuid(id, ['id']);
    return this.dataSource.transaction(async (tx) => {
      // Two admins moving the default at once: the second waits, then moves it from the first one's choice.
      await tx.query(`LOCK TABLE sla_policies IN SHARE ROW EXCLUSIVE MODE`);
      const before = await this.lock(tx, id, expectedVersion);
      if (before.isDefault) return before;
      const [previous]: { id: string }[] = await tx.query(
        `UPDATE sla_policies SET is_default = false, updated_by = $1, updated_at = now(), version = version + 1
          WHERE is_default RETURNING id`,
        [actor.id],
      );
      await tx.query(
        `UPDATE sla_policies SET is_default = true, updated_by = $2, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, actor.id],
      );
      const after = await this.require(tx, id);
      await audit(
        tx,
        actor,
        'sla_policy.default_set',
        { type: 'sla_policy', id },
        changesOf([{ field: 'isDefault', before: false, after: true }]),
        { previousDefaultId: previous?.id ?? null, version: after.version },
      );
      return after;
    });
  }

  private check(input: SlaPolicyInput): SlaPolicy {
    const name = settingName(input.name);
    if (!isUuid(input.calendarId)) throw InputError.single(['input', 'calendarId'], 'uuid', 'must be a UUID');
    return underInput(() =>
      validateSlaPolicy({
        name,
        calendarId: input.calendarId,
        targets: input.targets,
        complaintOverride: input.complaintOverride,
      }),
    );
  }

  private async requireCalendar(tx: EntityManager, calendarId: string): Promise<void> {
    if (!(await calendarsById(tx, [calendarId])).has(calendarId))
      throw InputError.single(['input', 'calendarId'], 'exists', 'names no business calendar');
  }

  private async lock(tx: EntityManager, id: string, expectedVersion: number): Promise<SlaPolicyRow> {
    const row = (await policiesById(tx, [id], { lock: true })).get(id);
    if (!row) throw new NotFoundError('SLA policy', id);
    requireExpectedVersion('SLA policy', row, expectedVersion);
    return row;
  }

  private async require(tx: EntityManager, id: string): Promise<SlaPolicyRow> {
    const row = (await policiesById(tx, [id])).get(id);
    if (!row) throw new NotFoundError('SLA policy', id);
    return row;
  }
}
