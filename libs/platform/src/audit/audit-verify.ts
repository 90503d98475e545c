import { AUDIT_GENESIS_HASH, auditRowHash } from './audit-hash';
import { AUDIT_LOG_ENTITY, AUDIT_PURGE_ACTION } from './audit-purge';
import { queryRows, type AuditQueryable } from './audit-queryable';
import { AUDIT_ROW_COLUMNS, hashedContentOf, type AuditRow } from './audit-row';

export const DEFAULT_VERIFY_BATCH_SIZE = 1000;

export interface VerifyAuditChainOptions {
  /**
   * Verify from this seq on (incremental checks), trusting the stored hash of the row before it. Default: the whole
   * chain, from its genesis or from the purge record of its first remaining row.
   */
  fromSeq?: number;
  /** Rows read per query; memory stays bounded by one batch. Default 1000. */
  batchSize?: number;
}

/**
 * Why the chain breaks at `firstBrokenSeq`:
 * - `hash_mismatch`: that row's content no longer hashes to its stored `hash` (it was edited);
 * - `prev_hash_mismatch`: that row's `prev_hash` is not the hash of the row before it (the row before was replaced,
 *   hash included; or, for the first remaining row, it does not match the genesis or the purge record);
 * - `seq_gap`: `firstBrokenSeq` is missing (deleted), and no purge row records its removal.
 */
export type AuditChainBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap';

export type AuditChainVerification =
  | { ok: true; rows: number; lastSeq: number | null; lastHash: string | null }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: AuditChainBreak; message: string };

type Start = { ok: true; prevHash: string } | Extract<AuditChainVerification, { ok: false }>;

/**
 * Streams the audit log in seq order, batch by batch, recomputes every hash and checks every link; reports the
 * FIRST broken link. `rows` counts the rows found intact (before the break, if any).
 *
 * Where the chain starts: seq 1 links to AUDIT_GENESIS_HASH. After a retention purge the first remaining row links
 * to a deleted row; it is accepted when a purge row (action `audit.purge`, itself part of the verified chain) records
 * `purgedThroughSeq` = its seq - 1 and `purgedThroughHash` = its prev_hash.
 *
 * A hash chain cannot show that rows were cut off its end; compare `lastSeq` / `lastHash` with a copy kept elsewhere
 * for that. Rows appended while this runs are verified too; to get one consistent snapshot while purges may run, pass
 * the manager of a REPEATABLE READ transaction (the CLI does).
 */
export async function verifyAuditChain(
  queryable: AuditQueryable,
  options: VerifyAuditChainOptions = {},
): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? DEFAULT_VERIFY_BATCH_SIZE;
  const fromSeq = options.fromSeq ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  if (!Number.isInteger(fromSeq) || fromSeq < 1) throw new RangeError('fromSeq must be a positive integer');

  let batch = await readBatch(queryable, `seq >= $1`, fromSeq, batchSize);
  if (!batch.length) return { ok: true, rows: 0, lastSeq: null, lastHash: null };
  const start = await chainStart(queryable, Number(batch[0].seq));
  if (!start.ok) return start;

  let expectedSeq = Number(batch[0].seq);
  let prevHash = start.prevHash;
  let rows = 0;
  while (batch.length) {
    for (const row of batch) {
      const broken = brokenLink(row, expectedSeq, prevHash);
      if (broken) return { ok: false, rows, ...broken };
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    batch = batch.length < batchSize ? [] : await readBatch(queryable, `seq > $1`, expectedSeq - 1, batchSize);
  }
  return { ok: true, rows, lastSeq: expectedSeq - 1, lastHash: prevHash };
}

type Break = Pick<Extract<AuditChainVerification, { ok: false }>, 'firstBrokenSeq' | 'reason' | 'message'>;

/** Checks one row against the chain so far: its seq, its link back, its own hash. */
function brokenLink(row: AuditRow, expectedSeq: number, prevHash: string): Break | null {
  const seq = Number(row.seq);
  if (seq !== expectedSeq) {
    return {
      firstBrokenSeq: expectedSeq,
      reason: 'seq_gap',
      message: `audit row ${expectedSeq} is missing (the next row is ${seq})`,
    };
  }
  if (row.prev_hash !== prevHash) {
    return {
      firstBrokenSeq: seq,
      reason: 'prev_hash_mismatch',
      message: `audit row ${seq} does not link to the row before it`,
    };
  }
  if (auditRowHash(row.prev_hash, hashedContentOf(row)) !== row.hash) {
    return {
      firstBrokenSeq: seq,
      reason: 'hash_mismatch',
      message: `audit row ${seq} was changed after it was written`,
    };
  }
  return null;
}

function readBatch(queryable: AuditQueryable, where: string, seq: number, limit: number): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    queryable,
    `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE ${where} ORDER BY seq LIMIT $2`,
    [seq, limit],
  );
}

/** The hash the first row read must link to, or the break that makes it unverifiable. */
async function chainStart(queryable: AuditQueryable, firstSeq: number): Promise<Start> {
  if (firstSeq === 1) return { ok: true, prevHash: AUDIT_GENESIS_HASH };
  const [before] = await queryRows<{ seq: string; hash: string }>(
    queryable,
    `SELECT seq, hash FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT 1`,
    [firstSeq],
  );
  if (before) {
    // Verifying from fromSeq: the row before it is trusted, but must be there.
    const beforeSeq = Number(before.seq);
    if (beforeSeq === firstSeq - 1) return { ok: true, prevHash: before.hash };
    return gap(beforeSeq + 1, firstSeq);
  }
  // The first remaining row: the chain was purged up to firstSeq - 1, and a purge row must say so.
  const [anchor] = await queryRows<{ hash: string | null }>(
    queryable,
    `SELECT details->>'purgedThroughHash' AS hash FROM audit_log
      WHERE action = $1 AND entity_type = $2 AND details->>'purgedThroughSeq' = $3
      ORDER BY seq DESC LIMIT 1`,
    [AUDIT_PURGE_ACTION, AUDIT_LOG_ENTITY, String(firstSeq - 1)],
  );
  if (anchor?.hash) return { ok: true, prevHash: anchor.hash };
  // No record of that purge: the first missing row is the one after the last recorded purge (or seq 1).
  const [purged] = await queryRows<{ through: string | null }>(
    queryable,
    `SELECT max((details->>'purgedThroughSeq')::bigint) AS through FROM audit_log
      WHERE action = $1 AND entity_type = $2 AND (details->>'purgedThroughSeq')::bigint < $3`,
    [AUDIT_PURGE_ACTION, AUDIT_LOG_ENTITY, firstSeq - 1],
  );
  return gap(Number(purged?.through ?? 0) + 1, firstSeq);
}

function gap(missingSeq: number, nextSeq: number): Start {
  return {
    ok: false,
    rows: 0,
    firstBrokenSeq: missingSeq,
    reason: 'seq_gap',
    message: `audit row ${missingSeq} is missing (the next row is ${nextSeq}) and no purge row records its removal`,
  };
}
