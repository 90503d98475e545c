import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditChange, AuditEntry, AuditRecord } from './audit-entry';
import { AUDIT_GENESIS_HASH, auditRowHash, type AuditHashedContent } from './audit-hash';
import { AUDIT_CHAIN_LOCK_KEY } from './audit-migration-sql';
import { queryRows } from './audit-queryable';
import { AUDIT_ROW_COLUMNS, hashedContentOf, toAuditRecord, type AuditRow } from './audit-row';

// Lower-case dotted verbs: account.update, account.read_sensitive, pool.claim.
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
/** Actions the audit module writes about itself (audit.purge); services cannot forge them through appendAudit. */
export const RESERVED_ACTION_PREFIX = 'audit.';

/**
 * Appends the entries to the audit chain inside the caller's transaction, so they exist if and only if the change
 * they describe commits. Takes the chain's transaction-scoped advisory lock (held until commit or rollback), then
 * reads the last row: entries get the next seq numbers in array order, each hashed over the previous row's hash
 * (see auditRowHash). Several calls in one transaction continue the chain.
 *
 * Concurrent writers queue on the lock, one transaction at a time: append as the last step before commit, so that
 * the lock is held briefly. Needs READ COMMITTED (PostgreSQL's default), so that the read after the lock sees what
 * the previous holder committed; other isolation levels are refused. Returns the stored rows.
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry | AuditEntry[]): Promise<AuditRecord[]> {
  const list = Array.isArray(entries) ? entries : [entries];
  list.forEach((entry, index) => checkEntry(entry, index, false));
  return appendToChain(manager, list);
}

/** appendAudit for the module's own entries (reserved `audit.*` actions). */
export async function appendReservedAudit(manager: EntityManager, entries: AuditEntry[]): Promise<AuditRecord[]> {
  entries.forEach((entry, index) => checkEntry(entry, index, true));
  return appendToChain(manager, entries);
}

/** Takes the chain lock for the rest of the caller's transaction (re-entrant within it). */
export async function lockAuditChain(manager: EntityManager): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("the audit log is written inside the caller's transaction: use dataSource.transaction(...)");
  }
  await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_CHAIN_LOCK_KEY]);
}

interface ChainTip {
  seq: string | null;
  hash: string | null;
  now: Date;
  isolation: string;
}

async function appendToChain(manager: EntityManager, entries: AuditEntry[]): Promise<AuditRecord[]> {
  if (!entries.length) return [];
  await lockAuditChain(manager);
  // A new statement, so (in READ COMMITTED) a new snapshot taken after the lock was granted.
  const [tip] = await queryRows<ChainTip>(
    manager,
    `SELECT (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS seq,
            (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
            date_trunc('milliseconds', clock_timestamp()) AS now,
            current_setting('transaction_isolation') AS isolation`,
  );
  if (tip.isolation !== 'read committed') {
    throw new Error(
      `appendAudit needs a READ COMMITTED transaction, not ${tip.isolation}: the chain tip would be stale`,
    );
  }
  let seq = tip.seq === null ? 0 : Number(tip.seq);
  let prevHash = tip.hash ?? AUDIT_GENESIS_HASH;
  const rows = entries.map((entry) => {
    seq += 1;
    const content = contentOf(entry, seq, tip.now);
    const hash = auditRowHash(prevHash, content);
    const row = { ...content, occurred_at: content.occurred_at.toISOString(), prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  const stored = await queryRows<AuditRow>(
    manager,
    `WITH inserted AS (
       INSERT INTO audit_log (${AUDIT_ROW_COLUMNS})
       SELECT ${AUDIT_ROW_COLUMNS}
         FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, id uuid, occurred_at timestamptz, actor_id text,
              actor_roles text[], client_id text, source_ip text, request_id text, action text, entity_type text,
              entity_id text, changes jsonb, details jsonb, prev_hash text, hash text)
        ORDER BY seq
       RETURNING ${AUDIT_ROW_COLUMNS}
     )
     SELECT ${AUDIT_ROW_COLUMNS} FROM inserted ORDER BY seq`,
    [JSON.stringify(rows)],
  );
  // What verification will read back must hash the same: catch any value jsonb would not keep, before commit.
  for (const row of stored) {
    if (auditRowHash(row.prev_hash, hashedContentOf(row)) !== row.hash) {
      throw new Error(`audit row ${row.seq} does not read back as written (a value JSON cannot keep exactly?)`);
    }
  }
  return stored.map(toAuditRecord);
}

function contentOf(entry: AuditEntry, seq: number, now: Date): AuditHashedContent {
  return {
    seq,
    id: randomUUID(),
    occurred_at: entry.occurredAt ? new Date(entry.occurredAt.getTime()) : now,
    actor_id: entry.actor.id,
    actor_roles: [...(entry.actor.roles ?? [])],
    client_id: entry.actor.clientId ?? null,
    source_ip: entry.actor.sourceIp ?? null,
    request_id: entry.requestId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    changes: (entry.changes ?? []).map((change: AuditChange) => ({
      field: change.field,
      before: jsonValue(change.before),
      after: jsonValue(change.after),
    })),
    details: jsonValue(entry.details ?? {}),
  };
}

/** The value as jsonb will store it: Dates become ISO strings, undefined becomes null (or is dropped in objects). */
function jsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

function checkEntry(entry: AuditEntry, index: number, reserved: boolean): void {
  const problem = entryProblem(entry, reserved);
  if (problem) throw new TypeError(`audit entry ${index}: ${problem}`);
}

function entryProblem(entry: AuditEntry, reserved: boolean): string | null {
  if (!entry.actor?.id) return 'actor.id is required';
  if (entry.actor.roles?.some((role) => typeof role !== 'string')) return 'actor.roles must be strings';
  if (!ACTION.test(entry.action)) return `action "${entry.action}" is not a lower-case dotted verb like account.update`;
  if (entry.action.startsWith(RESERVED_ACTION_PREFIX) !== reserved) {
    return reserved ? `action "${entry.action}" is not reserved` : `action "${entry.action}" is reserved`;
  }
  if (!entry.entityType) return 'entityType is required';
  if (!entry.entityId) return 'entityId is required';
  if (entry.changes?.some((change) => typeof change.field !== 'string' || !change.field)) {
    return 'every change needs a field name';
  }
  const details: unknown = entry.details;
  if (details !== undefined && (details === null || typeof details !== 'object' || Array.isArray(details))) {
    return 'details must be an object';
  }
  if (
    entry.occurredAt !== undefined &&
    !(entry.occurredAt instanceof Date && Number.isFinite(entry.occurredAt.getTime()))
  ) {
    return 'occurredAt must be a valid Date';
  }
  return null;
}
