import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit, auditEntry } from '@crm/platform/audit';
import { purgeCutoff } from '../domain/recycle-bin';
import { customerEvent, recordEvents } from '../events/customer-events';
import { systemActor } from '@crm/platform/auth';

/** An account the purge could not delete, and the database's reason; it stays in the bin and is tried again next run. */
export interface PurgeFailure {
  accountId: string;
  reason: string;
}

export interface PurgeResult {
  purged: number;
  failed: PurgeFailure[];
}

interface Candidate {
  id: string;
  version: number;
  deleted_at: Date;
  /** deleted_at in full (microseconds), for the keyset: a Date keeps only milliseconds. */
  position: string;
  deleted_by: string | null;
}

const DEFAULT_BATCH = 500;

/** Deletes the accounts and what belongs only to them (see migration 1764600200000 for grants, requests, pool moves). */
async function deleteAccounts(tx: EntityManager, ids: string[]): Promise<void> {
  await tx.query(`DELETE FROM activities WHERE account_id = ANY($1::uuid[])`, [ids]);
  await tx.query(`DELETE FROM contacts WHERE account_id = ANY($1::uuid[])`, [ids]);
  await tx.query(`DELETE FROM import_fingerprints WHERE record_id = ANY($1::uuid[])`, [ids]);
  await tx.query(`DELETE FROM accounts WHERE id = ANY($1::uuid[])`, [ids]);
}

/** deleteAccounts inside a savepoint: on failure only its own work is undone, and the reason is returned. */
async function tryDelete(tx: EntityManager, ids: string[]): Promise<string | null> {
  await tx.query('SAVEPOINT purge_accounts');
  try {
    await deleteAccounts(tx, ids);
    await tx.query('RELEASE SAVEPOINT purge_accounts');
    return null;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT purge_accounts');
    return error instanceof Error ? error.message : String(error);
  }
}

/** One batch in one transaction: the whole batch at once, or, if the database refuses, account by account. */
async function purgeBatch(
  tx: EntityManager,
  rows: Candidate[],
  retentionDays: number,
  requestId: string,
): Promise<PurgeResult> {
  const failed: PurgeFailure[] = [];
  let purged = rows;
  if (
    (await tryDelete(
      tx,
      rows.map((r) => r.id),
    )) !== null
  ) {
    purged = [];
    for (const row of rows) {
      const reason = await tryDelete(tx, [row.id]);
      if (reason === null) purged.push(row);
      else failed.push({ accountId: row.id, reason });
    }
  }
  if (!purged.length) return { purged: 0, failed };
  const actor = systemActor(requestId);
  await recordEvents(
    tx,
    purged.map((row) =>
      customerEvent(
        'accountPurged',
        actor,
        { type: 'account', id: row.id, version: row.version + 1 },
        { accountId: row.id, deletedAt: row.deleted_at, deletedBy: row.deleted_by ?? '' },
      ),
    ),
  );
  // Last, just before the commit: the audit chain's lock is held only for this append.
  await appendAudit(
    tx,
    purged.map((row) =>
      auditEntry(actor, 'account.purge', { type: 'account', id: row.id }, [], {
        deletedAt: row.deleted_at.toISOString(),
        deletedBy: row.deleted_by,
        retentionDays,
      }),
    ),
  );
  return { purged: purged.length, failed };
}

/**
 * Hard-deletes the accounts that sat in the recycle bin longer than the retention (not merge tombstones, nor accounts
 * tombstones point to), walking them in (deleted_at, id) order, one transaction per batch. An account the database
 * refuses to delete is left in the bin and reported with the reason; the walk goes on past it, so one bad row never
 * stops a run. Each purged account is audited (`account.purge`) and announced (`crm.customer.account.purged`).
 */
export async function purgeRecycleBin(
  dataSource: DataSource,
  now: Date,
  retentionDays: number,
  batchSize = DEFAULT_BATCH,
): Promise<PurgeResult> {
  const cutoff = purgeCutoff(now, retentionDays);
  const requestId = `purge-${randomUUID()}`;
  const result: PurgeResult = { purged: 0, failed: [] };
  let after: Candidate | null = null;
  for (;;) {
    const position: Candidate | null = after;
    const batch = await dataSource.transaction(async (tx) => {
      // Accounts another transaction holds are skipped (SKIP LOCKED) and left for the next run.
      const candidates: Candidate[] = await tx.query(
        `SELECT id, version, deleted_at, deleted_at::text AS position, deleted_by FROM accounts
          WHERE deleted_at < $1 AND merged_into_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM accounts t WHERE t.merged_into_id = accounts.id)
            AND ($2::timestamptz IS NULL OR (deleted_at, id) > ($2::timestamptz, $3::uuid))
          ORDER BY deleted_at, id LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [cutoff, position?.position ?? null, position?.id ?? null, batchSize],
      );
      const done = candidates.length
        ? await purgeBatch(tx, candidates, retentionDays, requestId)
        : { purged: 0, failed: [] };
      return { candidates, done };
    });
    result.purged += batch.done.purged;
    result.failed.push(...batch.done.failed);
    if (batch.candidates.length < batchSize) return result;
    after = batch.candidates[batch.candidates.length - 1];
  }
}
