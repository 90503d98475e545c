import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { InputError, type FieldViolation } from '@crm/platform/errors';
import type { Page, TotalCount } from '@crm/platform/pagination';
import { ActivityEntity, type ActivityRow } from '../db/activity.entity';
import { ContactEntity } from '../db/contact.entity';
import { recordEvent } from '../events/customer-events';
import { isUuid } from '../domain/uuid';
import { readableChildren, requireAccountAccess } from '../policy/require-account-access';
import { activityToProto } from '../mapping/account-mapping';
import type { Actor } from '@crm/platform/auth';
import { audit } from '@crm/platform/audit';
import { countsPerAccount, pagesPerAccount, type AccountChildPages } from '../db/account-child-pages';

export const activityKinds = ['call', 'visit', 'meeting', 'email', 'wechat', 'note'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export interface LogActivityInput {
  accountId: string;
  contactId?: string | null;
  kind: string;
  subject: string;
  outcome?: string | null;
  nextStep?: string | null;
  nextFollowUpAt?: Date | null;
  occurredAt?: Date | null;
  opportunityId?: string | null;
  ticketId?: string | null;
}

function validate(input: LogActivityInput, now: Date): FieldViolation[] {
  const v: FieldViolation[] = [];
  const path = (field: string) => ['input', field];
  if (!isUuid(input.accountId ?? '')) v.push({ path: path('accountId'), rule: 'uuid', message: 'must be a UUID' });
  for (const field of ['contactId', 'opportunityId', 'ticketId'] as const) {
    const value = input[field];
    if (value && !isUuid(value)) v.push({ path: path(field), rule: 'uuid', message: 'must be a UUID' });
  }
  if (!(activityKinds as readonly string[]).includes(input.kind)) {
    v.push({ path: path('kind'), rule: 'enum', message: `must be one of ${activityKinds.join(', ')}` });
  }
  const subject = input.subject?.trim() ?? '';
  if (subject.length < 1 || subject.length > 500)
    v.push({ path: path('subject'), rule: 'length', message: 'must be 1 to 500 characters' });
  if (input.outcome && input.outcome.length > 4000)
    v.push({ path: path('outcome'), rule: 'max_length', message: 'must be at most 4000 characters' });
  if (input.nextStep && input.nextStep.length > 1000)
    v.push({ path: path('nextStep'), rule: 'max_length', message: 'must be at most 1000 characters' });
  const occurred = input.occurredAt ?? now;
  if (occurred.getTime() > now.getTime() + 5 * 60_000)
    v.push({ path: path('occurredAt'), rule: 'not_future', message: 'cannot be in the future' });
  if (input.nextFollowUpAt && input.nextFollowUpAt.getTime() < occurred.getTime()) {
    v.push({ path: path('nextFollowUpAt'), rule: 'after_occurred', message: 'must not be before occurredAt' });
  }
  return v;
}

/** Account.activities, the timeline: newest first (index activities_timeline_idx). */
const TIMELINE_PAGES: AccountChildPages<ActivityRow> = {
  entity: ActivityEntity,
  table: 'activities c',
  sort: [
    { sql: 'c.occurred_at', cast: 'timestamptz' },
    { sql: 'c.id', cast: 'uuid' },
  ],
  descending: true,
  cursorOf: (r) => [r.occurredAt.toISOString(), r.id],
};

/** The follow-up record shown on an account's timeline. */
export class ActivityService {
  constructor(private readonly dataSource: DataSource) {}

  async log(input: LogActivityInput, actor: Actor): Promise<ActivityRow> {
    const now = new Date();
    const violations = validate(input, now);
    if (violations.length) throw new InputError(violations);
    return this.dataSource.transaction(async (tx) => {
      // Logging a follow-up needs edit access, or read access as the service agent of one of the account's tickets.
      const needed = actor.roles.includes('service-agent') ? 'read' : 'edit';
      await requireAccountAccess(tx, actor, input.accountId, needed, ['input', 'accountId']);
      if (input.contactId) {
        const contact = await tx.getRepository(ContactEntity).findOne({ where: { id: input.contactId } });
        if (!contact || contact.deletedAt || contact.accountId !== input.accountId) {
          throw InputError.single(['input', 'contactId'], 'belongs_to_account', 'must be a contact of the account');
        }
      }
      const row: ActivityRow = {
        id: randomUUID(),
        accountId: input.accountId,
        contactId: input.contactId ?? null,
        kind: input.kind,
        subject: input.subject.trim(),
        outcome: input.outcome?.trim() || null,
        nextStep: input.nextStep?.trim() || null,
        nextFollowUpAt: input.nextFollowUpAt ?? null,
        occurredAt: input.occurredAt ?? now,
        opportunityId: input.opportunityId || null,
        ticketId: input.ticketId || null,
        createdBy: actor.id,
        createdAt: now,
      };
      await tx.getRepository(ActivityEntity).insert(row);
      await tx.query(
        // The latest activity (by when it happened) sets the account's explicit next follow-up, or clears it.
        `UPDATE accounts
            SET next_follow_up_at = CASE WHEN $2 >= coalesce(last_activity_at, '-infinity') THEN $3::timestamptz
                                         ELSE next_follow_up_at END,
                last_activity_at = GREATEST(coalesce(last_activity_at, '-infinity'), $2)
          WHERE id = $1`,
        [row.accountId, row.occurredAt, row.nextFollowUpAt],
      );
      await recordEvent(
        tx,
        'activityLogged',
        actor,
        { type: 'activity', id: row.id, version: 1 },
        { activity: activityToProto(row) },
      );
      await audit(tx, actor, 'activity.log', { type: 'activity', id: row.id }, [], {
        accountId: row.accountId,
        kind: row.kind,
        subject: row.subject,
      });
      return row;
    });
  }

  async get(id: string, actor: Actor): Promise<ActivityRow | null> {
    const row = await this.dataSource.getRepository(ActivityEntity).findOne({ where: { id } });
    if (!row) return null;
    await requireAccountAccess(this.dataSource.manager, actor, row.accountId, 'read', ['id']);
    return row;
  }

  /** The activities among `ids` whose account the actor may read, in the order asked; the others are left out. */
  async batchGet(ids: readonly string[], actor: Actor): Promise<ActivityRow[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (!valid.length) return [];
    const rows = await this.dataSource.getRepository(ActivityEntity).findBy({ id: In(valid) });
    return readableChildren(this.dataSource.manager, actor, rows, ids);
  }

  /** A page of each account's timeline, newest first, in one query: Account.activities on a list of accounts. */
  async timelines(
    accountIds: readonly string[],
    first?: number | null,
    after?: string | null,
  ): Promise<Map<string, Page<ActivityRow>>> {
    return pagesPerAccount(this.dataSource.manager, TIMELINE_PAGES, accountIds, first, after);
  }

  /** How many activities each account has (exact up to `bound`, then estimated), in one statement: the pages' totals. */
  async countsByAccount(accountIds: readonly string[], bound: number): Promise<Map<string, TotalCount>> {
    return countsPerAccount(this.dataSource.manager, TIMELINE_PAGES, accountIds, bound);
  }
}
