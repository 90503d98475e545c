import type { EntityManager } from 'typeorm';
import { customerEventsV1, customerV1 } from '@crm/contracts';
import type { ConsumedEvent } from '../bus';
import { isUuid } from '../ids';
import type { AccountGrade } from './account-facts';

/** Thrown for an event that can never be applied: the consumer sends it to the dead-letter stream after its retries. */
export class MalformedCustomerEvent extends Error {}

export function requireUuid(value: string, field: string, event: ConsumedEvent): string {
  if (!isUuid(value)) throw new MalformedCustomerEvent(`${event.subject} ${event.id}: ${field} must be a UUID`);
  return value;
}

/** What one event says about an account; a field left out is not touched. */
interface FactsPatch {
  ownerId?: string | null;
  teamId?: string | null;
  grade?: AccountGrade | null;
  deletedAt?: Date | null;
  mergedIntoId?: string | null;
  purgedAt?: Date | null;
}

const emptyToNull = (value: string | undefined): string | null => value || null;

const grades: Partial<Record<customerV1.Grade, AccountGrade>> = {
  [customerV1.Grade.A]: 'A',
  [customerV1.Grade.B]: 'B',
  [customerV1.Grade.C]: 'C',
};

/** The account's grade as the projection keeps it; ungraded is null. */
export const gradeOf = (grade: customerV1.Grade | undefined): AccountGrade | null =>
  grade === undefined ? null : (grades[grade] ?? null);

function accountPatch(account: customerEventsV1.AccountCreated['account']): FactsPatch {
  return {
    ownerId: emptyToNull(account?.ownerId),
    teamId: emptyToNull(account?.teamId),
    grade: gradeOf(account?.grade),
    deletedAt: account?.deletedAt ?? null,
    mergedIntoId: emptyToNull(account?.mergedIntoId),
  };
}

/**
 * Writes what an event says about an account into account_facts. Guarded by the account's event sequence: a late
 * older event (a redelivery after a retry) changes nothing once a newer one has been applied.
 */
async function applyFacts(manager: EntityManager, accountId: string, seq: number, patch: FactsPatch): Promise<void> {
  const set = (key: keyof FactsPatch) => key in patch;
  await manager.query(
    `INSERT INTO account_facts (account_id, owner_id, team_id, deleted_at, merged_into_id, purged_at, updated_at,
       event_seq, grade)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $13)
     ON CONFLICT (account_id) DO UPDATE SET
       grade = CASE WHEN $14 THEN EXCLUDED.grade ELSE account_facts.grade END,
       owner_id = CASE WHEN $8 THEN EXCLUDED.owner_id ELSE account_facts.owner_id END,
       team_id = CASE WHEN $9 THEN EXCLUDED.team_id ELSE account_facts.team_id END,
       deleted_at = CASE WHEN $10 THEN EXCLUDED.deleted_at ELSE account_facts.deleted_at END,
       merged_into_id = CASE WHEN $11 THEN EXCLUDED.merged_into_id ELSE account_facts.merged_into_id END,
       purged_at = CASE WHEN $12 THEN EXCLUDED.purged_at ELSE account_facts.purged_at END,
       updated_at = now(), event_seq = EXCLUDED.event_seq
     WHERE account_facts.event_seq <= EXCLUDED.event_seq`,
    [
      accountId,
      patch.ownerId ?? null,
      patch.teamId ?? null,
      patch.deletedAt ?? null,
      patch.mergedIntoId ?? null,
      patch.purgedAt ?? null,
      seq,
      set('ownerId'),
      set('teamId'),
      set('deletedAt'),
      set('mergedIntoId'),
      set('purgedAt'),
      patch.grade ?? null,
      set('grade'),
    ],
  );
}

/** The loser of a merge: the event is the winner's, so the loser's sequence cannot guard it; a merge is final. */
async function markMerged(manager: EntityManager, loserId: string, winnerId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO account_facts (account_id, owner_id, team_id, deleted_at, merged_into_id, updated_at)
     VALUES ($1, NULL, NULL, $3, $2, now())
     ON CONFLICT (account_id) DO UPDATE SET merged_into_id = EXCLUDED.merged_into_id,
       deleted_at = COALESCE(account_facts.deleted_at, EXCLUDED.deleted_at), updated_at = now()`,
    [loserId, winnerId, at],
  );
}

/**
 * The grantee's access to the account after a share, revocation, approved request or lapse. A revoked grant stays as
 * one that lapsed at the revocation (readers skip lapsed grants), so a late older share cannot bring it back.
 */
async function applyGrant(manager: EntityManager, event: ConsumedEvent): Promise<void> {
  const message = customerEventsV1.AccountGrantChanged.decode(event.data);
  const accountId = requireUuid(message.accountId, 'account_id', event);
  const granteeId = requireUuid(message.granteeId, 'grantee_id', event);
  if (message.access && message.access !== 'read' && message.access !== 'edit')
    throw new MalformedCustomerEvent(`${event.subject} ${event.id}: access must be read, edit or empty`);
  const revokedAt = message.metadata?.occurredAt ?? new Date();
  await manager.query(
    `INSERT INTO account_grant_facts (account_id, grantee_id, access, expires_at, event_seq)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (grantee_id, account_id) DO UPDATE SET
       access = CASE WHEN $6 THEN account_grant_facts.access ELSE EXCLUDED.access END,
       expires_at = EXCLUDED.expires_at, event_seq = EXCLUDED.event_seq
     WHERE account_grant_facts.event_seq <= EXCLUDED.event_seq`,
    [
      accountId,
      granteeId,
      message.access || 'read',
      message.access ? (message.expiresAt ?? null) : revokedAt,
      event.aggregateSequence,
      !message.access,
    ],
  );
}

/**
 * Keeps account_facts (owner, team, grade, deleted, merged, purged) and account_grant_facts in step with the customer
 * service's account events; other subjects are left alone.
 */
export async function projectAccountFacts(event: ConsumedEvent, manager: EntityManager): Promise<void> {
  const seq = event.aggregateSequence;
  switch (event.subject) {
    case 'crm.customer.account.created': {
      const { account } = customerEventsV1.AccountCreated.decode(event.data);
      await applyFacts(manager, requireUuid(account?.id ?? '', 'account.id', event), seq, accountPatch(account));
      return;
    }
    case 'crm.customer.account.updated': {
      const { account } = customerEventsV1.AccountUpdated.decode(event.data);
      await applyFacts(manager, requireUuid(account?.id ?? '', 'account.id', event), seq, accountPatch(account));
      return;
    }
    case 'crm.customer.account.restored': {
      const { account } = customerEventsV1.AccountRestored.decode(event.data);
      const id = requireUuid(account?.id ?? '', 'account.id', event);
      await applyFacts(manager, id, seq, { ...accountPatch(account), deletedAt: null });
      return;
    }
    case 'crm.customer.account.owner_changed': {
      const message = customerEventsV1.AccountOwnerChanged.decode(event.data);
      const id = requireUuid(message.accountId, 'account_id', event);
      await applyFacts(manager, id, seq, {
        ownerId: emptyToNull(message.ownerId),
        teamId: emptyToNull(message.teamId),
      });
      return;
    }
    case 'crm.customer.account.graded': {
      const message = customerEventsV1.AccountGraded.decode(event.data);
      const id = requireUuid(message.accountId, 'account_id', event);
      await applyFacts(manager, id, seq, { grade: gradeOf(message.grade) });
      return;
    }
    case 'crm.customer.account.returned_to_pool': {
      const message = customerEventsV1.AccountReturnedToPool.decode(event.data);
      await applyFacts(manager, requireUuid(message.accountId, 'account_id', event), seq, { ownerId: null });
      return;
    }
    case 'crm.customer.account.deleted': {
      const message = customerEventsV1.AccountDeleted.decode(event.data);
      const id = requireUuid(message.accountId, 'account_id', event);
      await applyFacts(manager, id, seq, { deletedAt: message.metadata?.occurredAt ?? new Date() });
      return;
    }
    case 'crm.customer.account.purged': {
      const message = customerEventsV1.AccountPurged.decode(event.data);
      const id = requireUuid(message.accountId, 'account_id', event);
      await applyFacts(manager, id, seq, { purgedAt: message.metadata?.occurredAt ?? new Date() });
      return;
    }
    case 'crm.customer.account.merged': {
      const message = customerEventsV1.AccountMerged.decode(event.data);
      const loserId = requireUuid(message.loserId, 'loser_id', event);
      const winnerId = requireUuid(message.winnerId, 'winner_id', event);
      await markMerged(manager, loserId, winnerId, message.metadata?.occurredAt ?? new Date());
      return;
    }
    case 'crm.customer.account.grant_changed':
      await applyGrant(manager, event);
      return;
    default:
      return;
  }
}
