import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { recordEvent } from '../events/customer-events';

export type GrantChangeReason = 'shared' | 'revoked' | 'request_approved' | 'expired';

/**
 * Announces a grantee's access to an account after a change of their grants (crm.customer.account.grant_changed), in
 * the change's transaction. A grantee may hold a share and an approved request at once, so the event carries what
 * is left: the strongest live grant ('' when none) and when the last of them lapses (none: never).
 */
export async function recordGrantChanged(
  tx: EntityManager,
  actor: Actor,
  account: { id: string; version: number },
  granteeId: string,
  reason: GrantChangeReason,
  /** The instant "live" is judged at (the expiry job's run time). */
  at: Date = new Date(),
): Promise<void> {
  const [left]: { access: 'read' | 'edit' | null; expires_at: Date | null; unlimited: boolean | null }[] =
    await tx.query(
      `SELECT CASE WHEN bool_or(access = 'edit') THEN 'edit' WHEN count(*) > 0 THEN 'read' END AS access,
              max(expires_at) AS expires_at, bool_or(expires_at IS NULL) AS unlimited
         FROM account_grants WHERE account_id = $1 AND grantee_id = $2 AND (expires_at IS NULL OR expires_at > $3)`,
      [account.id, granteeId, at],
    );
  await recordEvent(
    tx,
    'accountGrantChanged',
    actor,
    { type: 'account', id: account.id, version: account.version },
    {
      accountId: account.id,
      granteeId,
      access: left?.access ?? '',
      expiresAt: left?.access && !left.unlimited && left.expires_at ? left.expires_at : undefined,
      reason,
    },
  );
}

/**
 * Announces the grants that lapsed since the last run (reason expired), each once, a batch per transaction: the
 * accounts are locked first, in id order, as every writer of grants does (docs/architecture.md, "Lock order").
 */
export async function announceExpiredGrants(
  dataSource: DataSource,
  actor: Actor,
  now: Date,
  batchSize = 500,
): Promise<number> {
  let announced = 0;
  for (;;) {
    const count = await dataSource.transaction(async (tx) => {
      const due: { id: string; account_id: string; grantee_id: string }[] = await tx.query(
        `SELECT id, account_id, grantee_id FROM account_grants
          WHERE expires_at <= $1 AND expiry_announced_at IS NULL ORDER BY expires_at, id LIMIT $2`,
        [now, batchSize],
      );
      if (!due.length) return 0;
      const accounts: { id: string; version: number }[] = await tx.query(
        `SELECT id, version FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[...new Set(due.map((g) => g.account_id))]],
      );
      const [stamped]: [{ account_id: string; grantee_id: string }[], number] = await tx.query(
        `UPDATE account_grants SET expiry_announced_at = $2
          WHERE id = ANY($1::uuid[]) AND expiry_announced_at IS NULL RETURNING account_id, grantee_id`,
        [due.map((g) => g.id), now],
      );
      const pairs = new Map(stamped.map((g) => [`${g.account_id} ${g.grantee_id}`, g]));
      for (const grant of pairs.values()) {
        const account = accounts.find((a) => a.id === grant.account_id);
        if (account) await recordGrantChanged(tx, actor, account, grant.grantee_id, 'expired', now);
      }
      return due.length;
    });
    announced += count;
    if (count < batchSize) return announced;
  }
}
