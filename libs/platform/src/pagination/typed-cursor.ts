import { InputError } from '../errors';
import { isUuid } from '../ids';
import { decodeCursor } from './cursor';

/** What one value of a cursor must be, so a forged cursor is refused as input instead of failing in SQL. */
export type CursorValueKind = 'string' | 'integer' | 'boolean' | 'uuid' | 'timestamp';

/** A timestamp as a keyset cursor keeps it: UTC with microseconds (a JS Date would lose them). */
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const checks: Record<CursorValueKind, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isSafeInteger(value),
  boolean: (value) => typeof value === 'boolean',
  uuid: (value) => typeof value === 'string' && isUuid(value),
  timestamp: (value) => typeof value === 'string' && timestampPattern.test(value),
};

/** Decodes a cursor whose values must be of these kinds, in order (else the same input error as a foreign cursor). */
export function decodeCursorOf<K extends readonly CursorValueKind[]>(
  cursor: string,
  kinds: K,
  field = 'after',
): { [I in keyof K]: K[I] extends 'integer' ? number : K[I] extends 'boolean' ? boolean : string } {
  const values = decodeCursor(cursor, kinds.length, field);
  if (values.every((value, i) => checks[kinds[i]](value))) {
    return values as { [I in keyof K]: K[I] extends 'integer' ? number : K[I] extends 'boolean' ? boolean : string };
  }
  throw InputError.single([field], 'cursor', 'is not a cursor returned by this list (it may belong to another sort)');
}

/** The SQL of a timestamptz column as a cursor value: UTC, microseconds (see `timestamp` above). */
export function timestampCursorSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
