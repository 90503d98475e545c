import { In, type EntityManager } from 'typeorm';
import { InputError } from '@crm/platform/errors';
import type { Actor } from '@crm/platform/auth';
import { AccountEntity } from '../db/account.entity';
import { isUuid } from '../domain/uuid';
import { accessLevels } from '../policy/access-facts';
import type { AccessLevel } from '../policy/account-access';
import type { Grade } from '../domain/account';

export const ACCESS_CHECK_MAX_IDS = 500;

/** What another service learns about one account for a caller: owner and team only when the caller may read it. */
export interface AccountAccessEntry {
  accountId: string;
  exists: boolean;
  deleted: boolean;
  access: AccessLevel;
  ownerId: string | null;
  teamId: string | null;
  /** For callers who may read it, and for the crm-services account (the service-ticket SLA follows the grade). */
  grade: Grade | null;
}

/** The other services' own account: it learns an account's grade without the right to read the account. */
const SERVICES_CLIENT = 'crm-services';

/**
 * The caller's access to each account (the same rules as every read and write here), in the order asked, duplicates
 * once: one statement for the accounts and at most two for the caller's grants and ticket links, whatever the count.
 */
export async function checkAccountAccess(
  manager: EntityManager,
  actor: Actor,
  accountIds: readonly string[],
): Promise<AccountAccessEntry[]> {
  if (accountIds.length > ACCESS_CHECK_MAX_IDS)
    throw InputError.single(['account_ids'], 'max_items', `at most ${ACCESS_CHECK_MAX_IDS} ids per call`);
  accountIds.forEach((id, i) => {
    if (!isUuid(id)) throw InputError.single(['account_ids', i], 'uuid', 'must be a UUID');
  });
  const ids = [...new Set(accountIds)];
  const rows = ids.length ? await manager.getRepository(AccountEntity).findBy({ id: In(ids) }) : [];
  const levels = await accessLevels(manager, actor, rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id): AccountAccessEntry => {
    const row = byId.get(id);
    if (!row)
      return { accountId: id, exists: false, deleted: false, access: 'none', ownerId: null, teamId: null, grade: null };
    const access = levels.get(id) ?? 'none';
    const readable = access !== 'none';
    return {
      accountId: id,
      exists: true,
      deleted: !!row.deletedAt,
      access,
      ownerId: readable ? row.ownerId : null,
      teamId: readable ? row.teamId : null,
      grade: readable || actor.clientId === SERVICES_CLIENT ? ((row.grade as Grade | null) ?? null) : null,
    };
  });
}
