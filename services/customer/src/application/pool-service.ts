import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InputError, NotAllowedError, PreconditionError } from '@crm/platform/errors';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { poolReturnStep, poolSettings, reclaimAllowedAt, type PoolSettings } from '../domain/pool-rules';
import { recordEvent, eventChanges } from '../events/customer-events';
import { accountToProto } from '../mapping/account-mapping';
import { canReassign, has } from '../policy/account-access';
import { systemActor, type Actor } from '@crm/platform/auth';
import { isUuid } from '../domain/uuid';
import { appendAudit, audit, auditEntry } from '@crm/platform/audit';
import { lockLiveAccount, revokeSharesOfPreviousOwner } from './sharing-service';

export type { PoolSettings } from '../domain/pool-rules';

export type PoolMoveKind = 'claim' | 'release' | 'auto_return';

/** What a rep may still claim: today's claims (in the pool's time zone) and owned accounts against their caps. */
export interface PoolQuota {
  claimsToday: number;
  dailyClaimCap: number;
  ownedAccounts: number;
  maxOwnedAccounts: number;
  timeZone: string;
  /** The next midnight in the pool's time zone, when the daily count starts again. */
  dayEndsAt: Date;
}

export interface PoolReturnResult {
  warned: number;
  returned: number;
}

const REASON_MAX = 1000;

/** The reason of a release, trimmed: 1 to REASON_MAX characters (checked once for a bulk release too). */
export function releaseReason(reason: string | null | undefined, path: string[]): string {
  const text = (reason ?? '').trim();
  if (!text || text.length > REASON_MAX)
    throw InputError.single(path, 'length', `must be 1 to ${REASON_MAX} characters`);
  return text;
}
const RETURN_BATCH = 200;

/** Claims a rep may make: sales reps and managers (crm-admin assigns accounts instead; auditors change nothing). */
export function canClaim(actor: Actor): boolean {
  return (has(actor, 'sales-rep') || has(actor, 'sales-manager')) && !has(actor, 'auditor');
}

/**
 * The customer pool (公海): claiming unowned accounts under a daily and an owned-accounts cap, releasing them back,
 * and the hourly return of accounts without follow-up. Every move writes pool_moves, an audit row and owner_changed.
 */
export class PoolService {
  readonly settings: PoolSettings;

  constructor(
    private readonly dataSource: DataSource,
    settings: Partial<PoolSettings> = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.settings = poolSettings(settings);
  }

  async claim(accountId: string, actor: Actor): Promise<AccountRow> {
    if (!canClaim(actor) || !isUuid(actor.id)) {
      throw new NotAllowedError('only sales reps and sales managers claim accounts from the pool');
    }
    const now = this.clock();
    return this.dataSource.transaction(async (tx) => {
      // One rep's claims run one at a time, so two parallel claims cannot both slip under a cap.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('pool-claim:' || $1))`, [actor.id]);
      const row = await lockLiveAccount(tx, accountId, ['input', 'accountId']);
      if (row.ownerId === actor.id)
        throw new ConflictError(`account ${accountId} is already yours`, { rule: 'in_pool' });
      if (row.ownerId) {
        throw new ConflictError(`account ${accountId} is not in the pool: it has an owner`, { rule: 'in_pool' });
      }
      // This account first (the cooldown), then the rep's caps.
      const [left]: { moved_at: Date }[] = await tx.query(
        `SELECT moved_at FROM pool_moves WHERE account_id = $1 AND from_owner_id = $2::uuid
            AND kind IN ('release', 'auto_return') ORDER BY moved_at DESC LIMIT 1`,
        [accountId, actor.id],
      );
      if (left) {
        const allowedAt = reclaimAllowedAt(left.moved_at, this.settings);
        if (now < allowedAt) {
          throw new PreconditionError(
            `reclaim cooldown: you gave up account ${accountId} and may claim it back after ${this.settings.reclaimCooldownDays} days`,
            { rule: 'reclaim_cooldown', limit: this.settings.reclaimCooldownDays, allowedAt },
          );
        }
      }
      const quota = await this.quotaIn(tx, actor, now);
      if (quota.claimsToday >= quota.dailyClaimCap) {
        throw new PreconditionError(
          `daily claim cap reached: at most ${quota.dailyClaimCap} claims per day (${quota.timeZone})`,
          { rule: 'daily_claim_cap', limit: quota.dailyClaimCap, timeZone: quota.timeZone, resetsAt: quota.dayEndsAt },
        );
      }
      if (quota.ownedAccounts >= quota.maxOwnedAccounts) {
        throw new PreconditionError(
          `owned accounts cap reached: a rep owns at most ${quota.maxOwnedAccounts} accounts`,
          {
            rule: 'max_owned_accounts',
            limit: quota.maxOwnedAccounts,
          },
        );
      }
      const teamId =
        actor.teams.length === 1 ? actor.teams[0] : row.teamId && actor.teams.includes(row.teamId) ? row.teamId : null;
      await this.move(tx, row, { ownerId: actor.id, teamId }, actor, now, { kind: 'claim', reason: null });
      return row;
    });
  }

  /** The owner, their team's manager or crm-admin puts the account back in the pool. */
  async release(accountId: string, reason: string, actor: Actor): Promise<AccountRow> {
    const text = releaseReason(reason, ['input', 'reason']);
    const now = this.clock();
    return this.dataSource.transaction(async (tx) => {
      const row = await lockLiveAccount(tx, accountId, ['input', 'accountId']);
      if (!row.ownerId) throw new ConflictError(`account ${accountId} is already in the pool`, { rule: 'owned' });
      if (row.ownerId !== actor.id && !canReassign(actor, row.teamId)) {
        throw new NotAllowedError('only the owner, the team manager or crm-admin may release an account', {
          accountId,
        });
      }
      await this.move(tx, row, { ownerId: null, teamId: null }, actor, now, { kind: 'release', reason: text });
      return row;
    });
  }

  /** The caller's claims today and owned accounts against the caps. */
  async quota(actor: Actor): Promise<PoolQuota> {
    return this.quotaIn(this.dataSource.manager, actor, this.clock());
  }

  /**
   * Warns the owners of accounts close to their grade's limit without follow-up, and returns to the pool those whose
   * warning has run out. Runs hourly from main.ts as the system actor; `now` is a parameter so tests can move time.
   */
  async runPoolReturn(now: Date, actor: Actor = systemActor(`pool-return-${randomUUID()}`)): Promise<PoolReturnResult> {
    const result: PoolReturnResult = { warned: 0, returned: 0 };
    const s = this.settings;
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Candidates: owned accounts inside their warning window (the rule below decides; this only narrows the scan).
      const batch: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM accounts
          WHERE owner_id IS NOT NULL AND deleted_at IS NULL AND id > $6
            AND coalesce(greatest(last_activity_at, owner_since), created_at)
                + make_interval(days => (CASE grade WHEN 'A' THEN $1::int WHEN 'B' THEN $2::int ELSE $3::int END) - $4::int) <= $5
          ORDER BY id LIMIT ${RETURN_BATCH}`,
        [s.returnDays.A, s.returnDays.B, s.returnDays.C, s.warningDays, now, afterId],
      );
      for (const { id } of batch) {
        const done = await this.returnStep(id, now, actor);
        if (done === 'warn') result.warned += 1;
        if (done === 'return') result.returned += 1;
      }
      if (batch.length < RETURN_BATCH) return result;
      afterId = batch[batch.length - 1].id;
    }
  }

  /** One account, in its own transaction: a failure leaves the others to the run. */
  private async returnStep(id: string, now: Date, actor: Actor): Promise<'none' | 'warn' | 'return'> {
    return this.dataSource.transaction(async (tx) => {
      const [locked]: { id: string }[] = await tx.query(
        `SELECT id FROM accounts WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [id],
      );
      if (!locked) return 'none';
      const row = await tx.getRepository(AccountEntity).findOneOrFail({ where: { id } });
      if (!row.ownerId || row.deletedAt) return 'none';
      const step = poolReturnStep(row, now, this.settings);
      const aggregate = { type: 'account' as const, id: row.id, version: row.version };
      if (step.kind === 'warn') {
        await tx.query(`UPDATE accounts SET pool_warned_at = $2 WHERE id = $1`, [row.id, now]);
        await recordEvent(tx, 'accountPoolWarning', actor, aggregate, {
          accountId: row.id,
          ownerId: row.ownerId,
          returnsAt: step.returnsAt,
        });
        await audit(tx, actor, 'pool.warning', { type: 'account', id: row.id }, [], {
          ownerId: row.ownerId,
          returnsAt: step.returnsAt.toISOString(),
        });
        return 'warn';
      }
      if (step.kind === 'return') {
        const reason = `no follow-up for ${step.days} days (grade ${row.grade ?? 'none, counted as C'})`;
        await this.move(tx, row, { ownerId: null, teamId: null }, actor, now, { kind: 'auto_return', reason });
        return 'return';
      }
      return 'none';
    });
  }

  private async quotaIn(manager: EntityManager, actor: Actor, now: Date): Promise<PoolQuota> {
    // The claim day starts at midnight in the configured zone (Asia/Shanghai by default), not in the server's zone.
    const [day]: { starts_at: Date; ends_at: Date }[] = await manager.query(
      `SELECT date_trunc('day', $1::timestamptz, $2) AS starts_at,
              date_trunc('day', $1::timestamptz, $2) + interval '1 day' AS ends_at`,
      [now, this.settings.timeZone],
    );
    const [{ claims }]: { claims: number }[] = await manager.query(
      `SELECT count(*)::int AS claims FROM pool_moves
        WHERE kind = 'claim' AND to_owner_id = $1::uuid AND moved_at >= $2`,
      [actor.id, day.starts_at],
    );
    const [{ owned }]: { owned: number }[] = await manager.query(
      `SELECT count(*)::int AS owned FROM accounts WHERE owner_id = $1::uuid AND deleted_at IS NULL`,
      [actor.id],
    );
    return {
      claimsToday: claims,
      dailyClaimCap: this.settings.dailyClaimCap,
      ownedAccounts: owned,
      maxOwnedAccounts: this.settings.maxOwnedAccounts,
      timeZone: this.settings.timeZone,
      dayEndsAt: day.ends_at,
    };
  }

  /** Changes the owner (and team) of a locked row: pool_moves, owner_changed and updated events, the audit row. */
  private async move(
    tx: EntityManager,
    row: AccountRow,
    to: { ownerId: string | null; teamId: string | null },
    actor: Actor,
    now: Date,
    move: { kind: PoolMoveKind; reason: string | null },
  ): Promise<void> {
    const before = { ownerId: row.ownerId, teamId: row.teamId, ownerSince: row.ownerSince };
    row.ownerId = to.ownerId;
    row.teamId = to.teamId;
    row.ownerSince = to.ownerId ? now : null;
    row.poolWarnedAt = null;
    row.version += 1;
    row.updatedAt = now;
    row.updatedBy = actor.id;
    await tx.getRepository(AccountEntity).save(row);
    const moveId = randomUUID();
    await tx.query(
      `INSERT INTO pool_moves (id, account_id, kind, from_owner_id, to_owner_id, actor_id, reason, moved_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [moveId, row.id, move.kind, before.ownerId, to.ownerId, actor.id, move.reason, now],
    );
    const changes = [
      { field: 'ownerId', before: before.ownerId, after: row.ownerId },
      { field: 'teamId', before: before.teamId, after: row.teamId },
      { field: 'ownerSince', before: before.ownerSince, after: row.ownerSince },
    ].filter((c) => c.before?.valueOf() !== c.after?.valueOf());
    const aggregate = { type: 'account' as const, id: row.id, version: row.version };
    await recordEvent(tx, 'accountUpdated', actor, aggregate, {
      account: accountToProto(row),
      changes: eventChanges(changes.filter((c) => c.field !== 'ownerSince')),
    });
    await recordEvent(tx, 'accountOwnerChanged', actor, aggregate, {
      accountId: row.id,
      previousOwnerId: before.ownerId ?? '',
      ownerId: row.ownerId ?? '',
      teamId: row.teamId ?? '',
    });
    const unshared = await revokeSharesOfPreviousOwner(tx, actor, row.id, before.ownerId, `pool ${move.kind}`);
    if (move.kind !== 'claim') {
      await recordEvent(tx, 'accountReturnedToPool', actor, aggregate, {
        accountId: row.id,
        previousOwnerId: before.ownerId ?? '',
        reason: move.reason ?? '',
        kind: move.kind,
      });
    }
    await appendAudit(tx, [
      ...unshared,
      auditEntry(actor, `pool.${move.kind}`, { type: 'account', id: row.id }, changes, {
        moveId,
        ...(move.reason ? { reason: move.reason } : {}),
      }),
    ]);
  }
}
