import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A stable hash of a row's normalized fields: the same row imported again is recognised whatever the file. */
export function rowFingerprint(fields: object): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(fields)))
    .digest('base64url');
}
