import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, InputError, PreconditionError } from '@crm/platform/errors';
import type { Actor } from '@crm/platform/auth';

export const IDEMPOTENCY_KEY_MAX = 200;

export type CreationKind = 'account' | 'contact';

/** What a keyed create claims: the caller's key, for a kind of record, with the fingerprint of its payload. */
export interface CreationClaim {
  key: string;
  kind: CreationKind;
  fingerprint: string;
}

/** A created record (or none: a create that was blocked, e.g. by duplicates, keeps no key). */
export interface Created<T> {
  record: T | null;
  id: string | null;
}

interface KeyRow {
  kind: CreationKind | null;
  record_id: string | null;
  fingerprint: string | null;
}

/** SHA-256 of the request's canonical JSON: the same payload sent again has the same fingerprint. */
export function payloadFingerprint(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** An empty key means "no key"; a longer one than 200 characters is refused naming the field. */
export function idempotencyKeyOf(value: string, path: (string | number)[]): string | null {
  if (!value) return null;
  if (value.length > IDEMPOTENCY_KEY_MAX)
    throw InputError.single(path, 'max_length', `must be at most ${IDEMPOTENCY_KEY_MAX} characters`);
  return value;
}

/**
 * Serializes everything done under one key (creates, the compensation's discard) for the rest of the transaction:
 * the compensation may mark a key before the create it names has arrived.
 */
export async function lockCreationKeys(tx: EntityManager, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('creation_key:' || $1, 0))`, [key]);
  }
}

/**
 * Runs `create` once per (caller, key): the first call inserts the key row (the primary key settles a race) and
 * creates; a repeat with the same payload gets the first record from `load`; another payload is a ConflictError;
 * a key a compensation discarded is a PreconditionError ("conversion abandoned"), so no orphan is recreated.
 */
export async function createOnce<T>(
  tx: EntityManager,
  actor: Actor,
  claim: CreationClaim,
  create: () => Promise<Created<T>>,
  load: (id: string) => Promise<T>,
): Promise<{ record: T | null; replayed: boolean }> {
  await lockCreationKeys(tx, [claim.key]);
  const [discarded]: unknown[] = await tx.query(
    `SELECT 1 FROM creation_keys WHERE key = $1 AND discarded_at IS NOT NULL LIMIT 1`,
    [claim.key],
  );
  if (discarded)
    throw new PreconditionError(`idempotency key ${claim.key}: conversion abandoned, nothing is created under it`, {
      idempotencyKey: claim.key,
    });
  const inserted: unknown[] = await tx.query(
    `INSERT INTO creation_keys (caller, key, kind, fingerprint) VALUES ($1, $2, $3, $4)
     ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
    [actor.id, claim.key, claim.kind, claim.fingerprint],
  );
  if (inserted.length) {
    const created = await create();
    if (created.id)
      await tx.query(`UPDATE creation_keys SET record_id = $3 WHERE caller = $1 AND key = $2`, [
        actor.id,
        claim.key,
        created.id,
      ]);
    else await tx.query(`DELETE FROM creation_keys WHERE caller = $1 AND key = $2`, [actor.id, claim.key]);
    return { record: created.record, replayed: false };
  }
  const [row]: KeyRow[] = await tx.query(
    `SELECT kind, record_id, fingerprint FROM creation_keys WHERE caller = $1 AND key = $2`,
    [actor.id, claim.key],
  );
  if (row.kind !== claim.kind || row.fingerprint !== claim.fingerprint || !row.record_id)
    throw new ConflictError(`idempotency key ${claim.key} was already used for a different ${row.kind ?? 'request'}`, {
      idempotencyKey: claim.key,
    });
  return { record: await load(row.record_id), replayed: true };
}

/** Deletes key rows older than the retention; returns how many. */
export async function pruneCreationKeys(tx: EntityManager, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const result: unknown = await tx.query(`DELETE FROM creation_keys WHERE created_at < $1`, [cutoff]);
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
