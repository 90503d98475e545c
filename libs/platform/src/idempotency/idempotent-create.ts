import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { ConflictError, InputError } from '../errors';

/** What makes a create retry-safe: who asks, their key, which operation, and what they asked for. */
export interface IdempotentRequest {
  /** The caller's id (a user or a service account): keys are scoped to their caller. */
  caller: string;
  /** The client's key (1..200 characters); without one, the create simply runs. */
  key: string | null | undefined;
  /** The operation, e.g. `createOpportunity`: the same key on another operation is a conflict. */
  operation: string;
  /** The request as given: a retry must send the same (compared by a hash of its canonical JSON). */
  payload: unknown;
  /** The argument's path in error messages; `['idempotencyKey']` unless given. */
  path?: (string | number)[];
}

/**
 * The request of a create mutation whose `input` argument carries `idempotencyKey`: the rest of the input is what a
 * retry must repeat, and a bad key is named `input.idempotencyKey`.
 */
export function inputRequest<I extends { idempotencyKey?: string | null }>(
  caller: string,
  operation: string,
  input: I,
): IdempotentRequest {
  const { idempotencyKey, ...payload } = input;
  return { caller, key: idempotencyKey, operation, payload, path: ['input', 'idempotencyKey'] };
}

/** A hash of the request as JSON sends it: absent and undefined fields are the same, key order does not matter. */
export const fingerprintOf = (payload: unknown): string =>
  createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(payload ?? null)) as unknown))
    .digest('hex');

/**
 * Runs `create` once per (caller, key), in the caller's transaction `tx`: a retry with the same key and request gets
 * what the first call created (`load` reads it back); the same key with another request or operation is refused with
 * CONFLICT. The key row is inserted first, so a concurrent retry waits on it and then reads the first one's result;
 * if the first transaction rolls back, so does its key, and the retry creates.
 */
export async function idempotentCreate<T>(
  tx: EntityManager,
  request: IdempotentRequest,
  create: () => Promise<T>,
  idOf: (created: T) => string,
  load: (id: string) => Promise<T>,
): Promise<T> {
  const path = request.path ?? ['idempotencyKey'];
  if (request.key === null || request.key === undefined) return create();
  const key = request.key.trim();
  if (!key || key.length > 200) throw InputError.single(path, 'length', 'must be 1 to 200 characters');
  const fingerprint = fingerprintOf(request.payload);
  const inserted: unknown[] = await tx.query(
    `INSERT INTO idempotency_keys (caller, key, operation, fingerprint) VALUES ($1, $2, $3, $4)
     ON CONFLICT (caller, key) DO NOTHING RETURNING 1`,
    [request.caller, key, request.operation, fingerprint],
  );
  if (inserted.length) {
    const created = await create();
    await tx.query(`UPDATE idempotency_keys SET result_id = $3 WHERE caller = $1 AND key = $2`, [
      request.caller,
      key,
      idOf(created),
    ]);
    return created;
  }
  const [earlier]: { operation: string; fingerprint: string; result_id: string | null }[] = await tx.query(
    `SELECT operation, fingerprint, result_id FROM idempotency_keys WHERE caller = $1 AND key = $2`,
    [request.caller, key],
  );
  if (!earlier || earlier.result_id === null) {
    throw new ConflictError('the first request with this idempotency key is still running: retry shortly', {
      field: path.join('.'),
    });
  }
  if (earlier.operation !== request.operation || earlier.fingerprint !== fingerprint) {
    throw new ConflictError(
      `idempotency key "${key}" was used for a different request (${earlier.operation}): use a new key for a new request`,
      { field: path.join('.'), rule: 'idempotency_key_reused' },
    );
  }
  return load(earlier.result_id);
}

/** Deletes keys older than the cutoff (clients retry within minutes; a day or more is plenty). */
export async function pruneIdempotencyKeys(dataSource: DataSource, olderThan: Date): Promise<number> {
  const [, count] = (await dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [olderThan])) as [
    unknown,
    number,
  ];
  return count;
}
