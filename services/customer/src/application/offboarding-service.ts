import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit, auditEntry, type AuditEntry } from '@crm/platform/audit';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { ContactEntity, type ContactRow } from '../db/contact.entity';
import { eventChanges, recordEvent } from '../events/customer-events';
import { accountToProto, contactToProto } from '../mapping/account-mapping';
import { has } from '../policy/account-access';
import type { UserDirectory } from '@crm/platform/auth';
import type { Actor } from '@crm/platform/auth';
import { revokeSharesOfPreviousOwner } from './sharing-service';
import { isUuid } from '../domain/uuid';

export interface OffboardingPolicy {
  /** Return every account to the pool instead of handing it to the team's manager (OFFBOARD_TO_POOL). */
  toPool: boolean;
}

/** Who takes over a team's accounts: its manager, or null for the pool. */
export interface OffboardingHandover {
  teamId: string;
  newOwnerId: string | null;
}

export interface OffboardedAccount {
  accountId: string;
  teamId: string | null;
  newOwnerId: string | null;
}

export interface OffboardingResult {
  userId: string;
  accounts: OffboardedAccount[];
  handovers: OffboardingHandover[];
  /** Contacts the user owned, handed to the owner of their account. */
  contactsReassigned: number;
  /** The user had been offboarded before and owned nothing since: nothing was written. */
  alreadyOffboarded: boolean;
}

export const USER_OFFBOARD_ACTION = 'user.offboard';

/**
 * Offboarding: a disabled user's accounts go to their team's manager (the `managers` attribute of the Keycloak group),
 * or back to the pool when the policy says so or no enabled manager is found. One transaction: owners, pool moves,
 * events and audit rows commit together. Contacts the user owned follow to their account's owner (null in the pool),
 * so nothing stays with a disabled user; the shares the user gave are revoked (see revokeSharesOfPreviousOwner).
 * Activities, links and history are not touched.
 */
export class OffboardingService {
  constructor(
    private readonly dataSource: DataSource,
    readonly directory: UserDirectory,
    private readonly policy: OffboardingPolicy,
  ) {}

  async offboardUser(userId: string, actor: Actor): Promise<OffboardingResult> {
    if (!has(actor, 'crm-admin')) throw new NotAllowedError('only crm-admin may offboard a user');
    if (!isUuid(userId)) throw InputError.single(['userId'], 'uuid', 'must be a UUID');
    // Keycloak is asked before the transaction, so no row lock waits on the network.
    const owned: { team_id: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT team_id FROM accounts WHERE owner_id = $1 AND merged_into_id IS NULL`,
      [userId],
    );
    const teams = new Set([
      ...(await this.directory.userTeams(userId)),
      ...owned.map((r) => r.team_id).filter((t): t is string => !!t),
    ]);
    const handovers: OffboardingHandover[] = [];
    for (const teamId of [...teams].sort()) {
      handovers.push({ teamId, newOwnerId: this.policy.toPool ? null : await this.successor(teamId, userId) });
    }
    return this.dataSource.transaction((tx) => this.reassign(tx, userId, handovers, actor));
  }

  /** Disabled users still to offboard: those who own accounts, and those never offboarded (their deals and tickets). */
  async pendingUserIds(): Promise<string[]> {
    const disabled = (await this.directory.disabledUserIds()).filter(isUuid);
    if (!disabled.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT u.id FROM unnest($1::uuid[]) AS u(id)
        WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.owner_id = u.id AND a.merged_into_id IS NULL)
           OR EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = u.id)
           OR NOT EXISTS (SELECT 1 FROM audit_log l
                           WHERE l.action = $2 AND l.entity_type = 'user' AND l.entity_id = u.id::text)
        ORDER BY u.id`,
      [disabled, USER_OFFBOARD_ACTION],
    );
    return rows.map((r) => r.id);
  }

  /** The first enabled manager of the team other than the user, or null (the pool). */
  private async successor(teamId: string, userId: string): Promise<string | null> {
    for (const managerId of await this.directory.teamManagers(teamId)) {
      if (managerId !== userId && isUuid(managerId) && (await this.directory.isEnabled(managerId))) return managerId;
    }
    return null;
  }

  private async reassign(
    tx: EntityManager,
    userId: string,
    handovers: OffboardingHandover[],
    actor: Actor,
  ): Promise<OffboardingResult> {
    // Two pollers (or a poll and an admin) offboarding the same user queue here; the second sees what the first did.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('customer.offboard'), hashtext($1))`, [userId]);
    const rows = await tx
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .where('a.owner_id = :userId AND a.merged_into_id IS NULL', { userId })
      .orderBy('a.id')
      .setLock('pessimistic_write')
      .getMany();
    const ownedContacts = await tx
      .getRepository(ContactEntity)
      .createQueryBuilder('c')
      .where('c.owner_id = :userId', { userId })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    if (!rows.length && !ownedContacts.length) {
      const previous: unknown[] = await tx.query(
        `SELECT 1 FROM audit_log WHERE action = $1 AND entity_type = 'user' AND entity_id = $2 LIMIT 1`,
        [USER_OFFBOARD_ACTION, userId],
      );
      if (previous.length) return { userId, accounts: [], handovers, contactsReassigned: 0, alreadyOffboarded: true };
    }
    const byTeam = new Map(handovers.map((h) => [h.teamId, h.newOwnerId]));
    const now = new Date();
    const accounts: OffboardedAccount[] = [];
    const audits: AuditEntry[] = [];
    for (const row of rows) {
      // A team that appeared since the lookup (moved meanwhile) has no known manager: the pool.
      const newOwnerId = row.teamId ? (byTeam.get(row.teamId) ?? null) : null;
      const moved = await this.moveAccount(tx, row, newOwnerId, actor, now);
      accounts.push(moved.account);
      audits.push(
        ...moved.audits,
        auditEntry(
          actor,
          'account.offboard_reassign',
          { type: 'account', id: row.id },
          [{ field: 'ownerId', before: userId, after: newOwnerId }],
          { offboardedUserId: userId, toPool: newOwnerId === null },
        ),
      );
    }
    const contacts = await this.moveContacts(tx, ownedContacts, actor, now);
    for (const moved of contacts) {
      audits.push(
        auditEntry(
          actor,
          'contact.offboard_reassign',
          { type: 'contact', id: moved.contactId },
          [{ field: 'ownerId', before: userId, after: moved.newOwnerId }],
          { offboardedUserId: userId, accountId: moved.accountId },
        ),
      );
    }
    await recordEvent(
      tx,
      'userOffboarded',
      actor,
      { type: 'user', id: userId, version: 1 },
      {
        userId,
        reassignedAccounts: accounts.map((a) => ({
          accountId: a.accountId,
          teamId: a.teamId ?? '',
          newOwnerId: a.newOwnerId ?? '',
        })),
        handovers: handovers.map((h) => ({ teamId: h.teamId, newOwnerId: h.newOwnerId ?? '' })),
      },
    );
    audits.push(
      auditEntry(actor, USER_OFFBOARD_ACTION, { type: 'user', id: userId }, [], {
        accounts: accounts.length,
        contacts: contacts.length,
        toManager: accounts.filter((a) => a.newOwnerId).length,
        toPool: accounts.filter((a) => !a.newOwnerId).length,
        handovers,
        policy: this.policy.toPool ? 'pool' : 'manager',
      }),
    );
    await appendAudit(tx, audits);
    return { userId, accounts, handovers, contactsReassigned: contacts.length, alreadyOffboarded: false };
  }

  private async moveAccount(
    tx: EntityManager,
    row: AccountRow,
    newOwnerId: string | null,
    actor: Actor,
    now: Date,
  ): Promise<{ account: OffboardedAccount; audits: AuditEntry[] }> {
    const previousOwnerId = row.ownerId;
    row.ownerId = newOwnerId;
    row.ownerSince = newOwnerId ? now : null;
    row.poolWarnedAt = null;
    row.version += 1;
    row.updatedAt = now;
    row.updatedBy = actor.id;
    await tx.getRepository(AccountEntity).save(row);
    await tx.query(
      `INSERT INTO pool_moves (id, account_id, kind, from_owner_id, to_owner_id, actor_id, reason, moved_at)
       VALUES ($1, $2, 'offboard', $3, $4, $5, $6, $7)`,
      [
        randomUUID(),
        row.id,
        previousOwnerId,
        newOwnerId,
        actor.id,
        newOwnerId ? 'owner offboarded: to the team manager' : 'owner offboarded: back to the pool',
        now,
      ],
    );
    const aggregate = { type: 'account' as const, id: row.id, version: row.version };
    await recordEvent(tx, 'accountUpdated', actor, aggregate, {
      account: accountToProto(row),
      changes: [
        { field: 'ownerId', beforeJson: JSON.stringify(previousOwnerId), afterJson: JSON.stringify(newOwnerId) },
      ],
    });
    await recordEvent(tx, 'accountOwnerChanged', actor, aggregate, {
      accountId: row.id,
      previousOwnerId: previousOwnerId ?? '',
      ownerId: newOwnerId ?? '',
      teamId: row.teamId ?? '',
    });
    const audits = await revokeSharesOfPreviousOwner(tx, actor, row.id, previousOwnerId, 'owner offboarded');
    return { account: { accountId: row.id, teamId: row.teamId, newOwnerId }, audits };
  }

  /** Each contact the user owned goes to the owner of its account now (after the accounts moved), or to nobody. */
  private async moveContacts(
    tx: EntityManager,
    rows: ContactRow[],
    actor: Actor,
    now: Date,
  ): Promise<{ contactId: string; accountId: string; newOwnerId: string | null }[]> {
    if (!rows.length) return [];
    const owners: { id: string; owner_id: string | null }[] = await tx.query(
      `SELECT id, owner_id FROM accounts WHERE id = ANY($1::uuid[])`,
      [[...new Set(rows.map((r) => r.accountId))]],
    );
    const ownerOf = new Map(owners.map((a) => [a.id, a.owner_id]));
    const moved: { contactId: string; accountId: string; newOwnerId: string | null }[] = [];
    for (const row of rows) {
      const previousOwnerId = row.ownerId;
      const newOwnerId = ownerOf.get(row.accountId) ?? null;
      row.ownerId = newOwnerId;
      row.version += 1;
      row.updatedAt = now;
      row.updatedBy = actor.id;
      await tx.getRepository(ContactEntity).save(row);
      await recordEvent(
        tx,
        'contactUpdated',
        actor,
        { type: 'contact', id: row.id, version: row.version },
        {
          contact: contactToProto(row),
          changes: eventChanges([{ field: 'ownerId', before: previousOwnerId, after: newOwnerId }]),
        },
      );
      moved.push({ contactId: row.id, accountId: row.accountId, newOwnerId });
    }
    return moved;
  }
}
