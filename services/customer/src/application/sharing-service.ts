import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { DEFAULT_EXACT_COUNT_BOUND, type CountablePage, type Page, type TotalCount } from '@crm/platform/pagination';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import {
  GRANT_COLUMNS,
  grantAccesses,
  grantCountsPerAccount,
  grantPagesPerAccount,
  toGrant,
  type AccountGrant,
  type GrantAccess,
  type GrantRecord,
  type GrantVisibility,
} from '../db/account-grant-rows';
import { accessLevel } from '../policy/access-facts';
import { has, managesTeam } from '../policy/account-access';
import { isUuid } from '../domain/uuid';
import type { Actor } from '@crm/platform/auth';
import { audit, auditEntry, type AuditEntry } from '@crm/platform/audit';
import { recordGrantChanged } from './grant-change-events';

/** Who gives others access to an account (and takes it back): its owner, its team's manager, crm-admin. */
export function canShare(actor: Actor, account: Pick<AccountRow, 'ownerId' | 'teamId'>): boolean {
  if (has(actor, 'auditor') && !has(actor, 'crm-admin')) return false;
  return (
    has(actor, 'crm-admin') || (!!account.ownerId && account.ownerId === actor.id) || managesTeam(actor, account.teamId)
  );
}

/** Locks the live account (shares and pool moves on one account run one at a time). */
export async function lockLiveAccount(
  tx: EntityManager,
  accountId: string,
  path: (string | number)[],
): Promise<AccountRow> {
  if (!isUuid(accountId)) throw InputError.single(path, 'uuid', 'must be a UUID');
  const row = await tx
    .getRepository(AccountEntity)
    .findOne({ where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
  if (!row || row.deletedAt) throw new NotFoundError('account', accountId);
  return row;
}

/**
 * When an account changes hands, the shares its previous owner gave go with them (as Salesforce drops manual shares on
 * a transfer): the new owner decides who else sees their account. Grants from a manager, crm-admin or an approved
 * access request stay, as decisions of the organisation. Returns one `account.unshare` audit entry per revoked share,
 * for the caller to append with its own, last (the audit chain lock is taken after every row lock, see
 * docs/architecture.md "Lock order").
 */
export async function revokeSharesOfPreviousOwner(
  tx: EntityManager,
  actor: Actor,
  accountId: string,
  previousOwnerId: string | null,
  reason: string,
): Promise<AuditEntry[]> {
  if (!previousOwnerId) return [];
  const [deleted]: [GrantRecord[], number] = await tx.query(
    `DELETE FROM account_grants WHERE account_id = $1 AND source = 'share' AND granted_by = $2 RETURNING ${GRANT_COLUMNS}`,
    [accountId, previousOwnerId],
  );
  const [{ version }]: { version: number }[] = await tx.query(`SELECT version FROM accounts WHERE id = $1`, [
    accountId,
  ]);
  for (const granteeId of new Set(deleted.map((g) => g.grantee_id))) {
    await recordGrantChanged(tx, actor, { id: accountId, version }, granteeId, 'revoked');
  }
  return deleted.map(toGrant).map((grant) =>
    auditEntry(
      actor,
      'account.unshare',
      { type: 'account', id: accountId },
      [
        { field: 'access', before: grant.access, after: null },
        { field: 'expiresAt', before: grant.expiresAt, after: null },
      ],
      { grantId: grant.id, granteeId: grant.granteeId, source: grant.source, reason },
    ),
  );
}

/** Shares: an owner or manager grants a user read or edit on one account, optionally until a date. */
export class SharingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Shares the account; sharing again with the same user replaces the access and expiry of the live share. */
  async share(
    accountId: string,
    granteeId: string,
    access: GrantAccess,
    expiresAt: Date | null,
    actor: Actor,
  ): Promise<AccountGrant> {
    const now = this.clock();
    if (!isUuid(granteeId)) throw InputError.single(['input', 'granteeId'], 'uuid', 'must be a user id (UUID)');
    if (granteeId === actor.id)
      throw InputError.single(['input', 'granteeId'], 'not_self', 'you cannot share with yourself');
    if (!grantAccesses.includes(access)) throw InputError.single(['input', 'access'], 'enum', 'must be read or edit');
    if (expiresAt && expiresAt <= now)
      throw InputError.single(['input', 'expiresAt'], 'future', 'must be in the future');
    return this.dataSource.transaction(async (tx) => {
      const account = await lockLiveAccount(tx, accountId, ['input', 'accountId']);
      if (!canShare(actor, account)) {
        throw new NotAllowedError('only the owner, the team manager or crm-admin may share an account', { accountId });
      }
      if (access === 'edit' && (await accessLevel(tx, actor, account)) !== 'edit') {
        throw new NotAllowedError('you may share only the access you have: read', { accountId });
      }
      if (account.ownerId === granteeId) {
        throw InputError.single(['input', 'granteeId'], 'not_owner', 'is the owner of the account already');
      }
      const [existing]: GrantRecord[] = await tx.query(
        `SELECT ${GRANT_COLUMNS} FROM account_grants
          WHERE account_id = $1 AND grantee_id = $2 AND source = 'share' AND (expires_at IS NULL OR expires_at > $3)
          ORDER BY granted_at DESC LIMIT 1`,
        [accountId, granteeId, now],
      );
      let grant: AccountGrant;
      if (existing) {
        const [[updated]]: [GrantRecord[], number] = await tx.query(
          `UPDATE account_grants SET access = $2, expires_at = $3, granted_by = $4, granted_at = $5 WHERE id = $1
           RETURNING ${GRANT_COLUMNS}`,
          [existing.id, access, expiresAt, actor.id, now],
        );
        grant = toGrant(updated);
      } else {
        const [inserted]: GrantRecord[] = await tx.query(
          `INSERT INTO account_grants (id, account_id, grantee_id, access, source, expires_at, granted_by, granted_at)
           VALUES ($1, $2, $3, $4, 'share', $5, $6, $7) RETURNING ${GRANT_COLUMNS}`,
          [randomUUID(), accountId, granteeId, access, expiresAt, actor.id, now],
        );
        grant = toGrant(inserted);
      }
      const changes = existing
        ? [
            { field: 'access', before: existing.access, after: access },
            { field: 'expiresAt', before: existing.expires_at, after: expiresAt },
          ]
        : [
            { field: 'access', before: null, after: access },
            { field: 'expiresAt', before: null, after: expiresAt },
          ];
      await recordGrantChanged(tx, actor, account, granteeId, 'shared');
      await audit(tx, actor, 'account.share', { type: 'account', id: accountId }, changes, {
        grantId: grant.id,
        granteeId,
        replaced: !!existing,
      });
      return grant;
    });
  }

  /** Takes a share or an access-request grant back; the same people who may share may revoke. */
  async revoke(grantId: string, actor: Actor): Promise<AccountGrant> {
    if (!isUuid(grantId)) throw InputError.single(['input', 'grantId'], 'uuid', 'must be a UUID');
    return this.dataSource.transaction(async (tx) => {
      const [found]: { account_id: string }[] = await tx.query(`SELECT account_id FROM account_grants WHERE id = $1`, [
        grantId,
      ]);
      if (!found) throw new NotFoundError('account grant', grantId);
      const account = await lockLiveAccount(tx, found.account_id, ['input', 'grantId']);
      if (!canShare(actor, account)) {
        throw new NotAllowedError('only the owner, the team manager or crm-admin may revoke access to an account', {
          accountId: account.id,
        });
      }
      const [[deleted]]: [GrantRecord[], number] = await tx.query(
        `DELETE FROM account_grants WHERE id = $1 RETURNING ${GRANT_COLUMNS}`,
        [grantId],
      );
      if (!deleted) throw new NotFoundError('account grant', grantId);
      const grant = toGrant(deleted);
      await recordGrantChanged(tx, actor, account, grant.granteeId, 'revoked');
      await audit(
        tx,
        actor,
        'account.unshare',
        { type: 'account', id: account.id },
        [
          { field: 'access', before: grant.access, after: null },
          { field: 'expiresAt', before: grant.expiresAt, after: null },
        ],
        { grantId, granteeId: grant.granteeId, source: grant.source, requestId: grant.requestId },
      );
      return grant;
    });
  }

  /**
   * The live grants on an account. Its owner, team manager, crm-admin and auditors see them all; anyone else who may
   * read the account sees only their own.
   */
  async grantsOf(
    accountId: string,
    actor: Actor,
    first?: number | null,
    after?: string | null,
  ): Promise<CountablePage<AccountGrant>> {
    if (!isUuid(accountId)) throw InputError.single(['accountId'], 'uuid', 'must be a UUID');
    const manager = this.dataSource.manager;
    const account = await manager.getRepository(AccountEntity).findOne({ where: { id: accountId } });
    if (!account || account.deletedAt) throw new NotFoundError('account', accountId);
    if ((await accessLevel(manager, actor, account)) === 'none') {
      throw new NotAllowedError(`account ${accountId} belongs to someone else: ask for access`, {
        accountId,
        canRequestAccess: true,
      });
    }
    const page = (await this.grantPages([account], actor, first, after)).get(account.id)!;
    return {
      ...page,
      count: async (bound) =>
        (await this.grantCounts([account], actor, bound ?? DEFAULT_EXACT_COUNT_BOUND)).get(account.id)!,
    };
  }

  /**
   * A page of live grants (oldest first) for each account the caller already read, in one query however many
   * accounts: Account.grants on a list of accounts.
   */
  async grantPages(
    accounts: readonly Pick<AccountRow, 'id' | 'ownerId' | 'teamId'>[],
    actor: Actor,
    first?: number | null,
    after?: string | null,
  ): Promise<Map<string, Page<AccountGrant>>> {
    return grantPagesPerAccount(this.dataSource, this.grantVisibility(accounts, actor), first, after);
  }

  /** How many grants of each account the caller may list (as grantPages shows them), bounded, in one statement. */
  async grantCounts(
    accounts: readonly Pick<AccountRow, 'id' | 'ownerId' | 'teamId'>[],
    actor: Actor,
    bound: number,
  ): Promise<Map<string, TotalCount>> {
    return grantCountsPerAccount(this.dataSource, this.grantVisibility(accounts, actor), bound);
  }

  /** Whose grants on these accounts the caller may list: all of them if they may share the account or audit. */
  private grantVisibility(
    accounts: readonly Pick<AccountRow, 'id' | 'ownerId' | 'teamId'>[],
    actor: Actor,
  ): GrantVisibility {
    const seesAll = accounts.filter((a) => canShare(actor, a) || has(actor, 'auditor')).map((a) => a.id);
    return { accountIds: accounts.map((a) => a.id), seesAll, viewerId: actor.id, now: this.clock() };
  }
}
