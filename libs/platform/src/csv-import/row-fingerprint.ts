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

/**
 * A stable hash of a row's normalized fields: the same row imported again is recognised whatever the file.
 * `fieldsAddedLater` are fields added to the rows after fingerprints were first stored: left out while empty, so a file
 * imported before they existed still fingerprints the same and a re-run still finds its rows unchanged.
 */
export function rowFingerprint(fields: object, fieldsAddedLater: readonly string[] = []): string {
  const kept = Object.fromEntries(
    Object.entries(fields).filter(
      ([key, value]) => !(fieldsAddedLater.includes(key) && (value === null || value === undefined || value === '')),
    ),
  );
  return createHash('sha256')
    .update(JSON.stringify(canonical(kept)))
    .digest('base64url');
}
