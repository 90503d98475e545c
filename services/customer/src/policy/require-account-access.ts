import { In, type EntityManager } from 'typeorm';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import type { Actor } from '@crm/platform/auth';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { accessLevel, accessLevels } from './access-facts';
import type { AccessLevel } from './account-access';

/**
 * For contacts and activities, which live under an account: the live account, or an input error on `path` when it
 * does not exist, or FORBIDDEN when the actor's access to it is below `needed`.
 */
export async function requireAccountAccess(
  manager: EntityManager,
  actor: Actor,
  accountId: string,
  needed: Exclude<AccessLevel, 'none'>,
  path: (string | number)[],
): Promise<AccountRow> {
  const account = await manager.getRepository(AccountEntity).findOne({ where: { id: accountId } });
  if (!account || account.deletedAt) {
    throw InputError.single(path, 'exists', `account ${accountId} does not exist or is in the recycle bin`);
  }
  const level = await accessLevel(manager, actor, account);
  const ok = needed === 'read' ? level !== 'none' : level === 'edit';
  if (!ok)
    throw new NotAllowedError(`you may not ${needed === 'read' ? 'see' : 'change'} account ${accountId}`, {
      accountId,
    });
  return account;
}

/** Of these account ids, the live accounts the actor may read (two or three queries, however many ids). */
export async function readableAccounts(
  manager: EntityManager,
  actor: Actor,
  accountIds: readonly string[],
): Promise<Map<string, AccountRow>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows = (await manager.getRepository(AccountEntity).findBy({ id: In(ids) })).filter((r) => !r.deletedAt);
  const levels = await accessLevels(manager, actor, rows);
  return new Map(rows.filter((r) => levels.get(r.id) !== 'none').map((r) => [r.id, r]));
}

/** Of rows that live under an account (contacts, activities), those whose account the actor may read, in `ids` order. */
export async function readableChildren<T extends { id: string; accountId: string }>(
  manager: EntityManager,
  actor: Actor,
  rows: T[],
  ids: readonly string[],
): Promise<T[]> {
  const readable = await readableAccounts(
    manager,
    actor,
    rows.map((r) => r.accountId),
  );
  const byId = new Map(rows.filter((r) => readable.has(r.accountId)).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => !!r);
}
