import type { EntityManager } from 'typeorm';
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
): Promise<void> {
  const [left]: { access: 'read' | 'edit' | null; expires_at: Date | null; unlimited: boolean | null }[] =
    await tx.query(
      `SELECT CASE WHEN bool_or(access = 'edit') THEN 'edit' WHEN count(*) > 0 THEN 'read' END AS access,
              max(expires_at) AS expires_at, bool_or(expires_at IS NULL) AS unlimited
         FROM account_grants WHERE account_id = $1 AND grantee_id = $2 AND (expires_at IS NULL OR expires_at > now())`,
      [account.id, granteeId],
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
