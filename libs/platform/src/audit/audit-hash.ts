import { createHash } from 'node:crypto';

/** `prev_hash` of the first row of a chain that was never purged: 64 zeros. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers: every column except `prev_hash` (chained in front) and `hash` itself. */
export interface AuditHashedContent {
  seq: number;
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_roles: string[];
  client_id: string | null;
  source_ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON values, exactly as stored in the jsonb columns. */
  changes: unknown;
  details: unknown;
}

/**
 * The hash of an audit row:
 *
 *   hash = lower-case hex( SHA-256( UTF-8( prev_hash || canonical_json(content) ) ) )
 *
 * where `prev_hash` is the previous row's `hash` (64 hex characters; AUDIT_GENESIS_HASH for seq 1) and `content` is
 * the JSON object of the 13 columns of AuditHashedContent, keyed by their column names:
 *
 *   { "action", "actor_id", "actor_roles", "changes", "client_id", "details", "entity_id", "entity_type", "id",
 *     "occurred_at", "request_id", "seq", "source_ip" }
 *
 * with these values:
 * - `seq`: a JSON integer;
 * - `id`: the uuid, lower case with hyphens;
 * - `occurred_at`: a string, ISO 8601 in UTC with exactly three fractional digits, `YYYY-MM-DDTHH:mm:ss.sssZ`
 *   (the column holds whole milliseconds, by a CHECK);
 * - `actor_roles`: an array of strings in stored order;
 * - `client_id`, `source_ip`, `request_id`: a string, or an explicit `null` (never omitted);
 * - `changes` (an array of `{ "after", "before", "field" }`) and `details` (an object): the jsonb values as stored.
 *
 * canonical_json is the JSON Canonicalization Scheme (RFC 8785) for these values: no whitespace; object keys
 * sorted by their UTF-16 code units (JavaScript's default sort; byte order for ASCII keys) at every depth; strings
 * escaped as JSON.stringify does; numbers as ECMAScript prints them (JSON.stringify: `1`, `1.5`, `1e+21`); `null`,
 * `true`, `false`. Array order is kept. A jsonb round trip keeps all of this (key order and number formatting are
 * what it normalises), so a verifier in any language can recompute the hash from the stored row.
 */
export function auditRowHash(prevHash: string, content: AuditHashedContent): string {
  const json = canonicalJson({ ...content, occurred_at: content.occurred_at.toISOString() });
  return createHash('sha256').update(prevHash, 'utf8').update(json, 'utf8').digest('hex');
}

/** RFC 8785 serialisation of a JSON value (what JSON.parse returns); anything else is an error. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no representation for ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON takes JSON values only, got ${describe(value)}`);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}
