import type { EntityManager } from 'typeorm';
import {
  boundedCount,
  decodeCursor,
  pageSize,
  toPage,
  type CountablePage,
  type CursorValue,
} from '@crm/platform/pagination';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '../domain/uuid';
import { normalizeEmail } from '../domain/email-address';
import { defaultPhoneCountry, phoneKey } from '../domain/phone-number';
import { normalizeTaxId } from '../domain/tax-id';
import { normalizeCompanyName } from '../domain/company-name';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { accountVisibilitySql } from '../policy/visibility-filter';
import type { Actor } from '@crm/platform/auth';
import { rowsInOrder } from '../db/rows-in-order';
import { defaultFollowUpCadence, type FollowUpCadence } from '../domain/follow-up-cadence';

type Param = (value: unknown) => string;

/** The last follow-up that counts for the owner, as domain/pool-rules.ts lastFollowUp (indexed by the migration). */
const LAST_FOLLOW_UP_SQL = 'coalesce(greatest(a.last_activity_at, a.owner_since), a.created_at)';
const DAY_MS = 24 * 60 * 60 * 1000;

/** SQL twin of followUpDueAt (domain/follow-up-cadence.ts), +infinity when never due, so it sorts last. */
function followUpDueSql(cadence: FollowUpCadence, p: Param): string {
  const days = `CASE a.grade WHEN 'A' THEN ${p(cadence.A)}::int WHEN 'B' THEN ${p(cadence.B)}::int WHEN 'C' THEN ${p(cadence.C)}::int END`;
  return `coalesce(a.next_follow_up_at, ${LAST_FOLLOW_UP_SQL} + make_interval(days => ${days}), 'infinity'::timestamptz)`;
}

/**
 * "Due at or before now", written so each branch matches a partial index of migration 1765100000000: the explicit
 * dates, then per grade the last follow-up against now minus that grade's cadence.
 */
export function followUpDueCondition(cadence: FollowUpCadence, now: Date, p: Param): string {
  // One flat OR, each branch implying one partial index's predicate, so the planner can BitmapOr them.
  const byGrade = (['A', 'B', 'C'] as const).map(
    (grade) =>
      `(a.next_follow_up_at IS NULL AND a.grade = '${grade}' AND ${LAST_FOLLOW_UP_SQL} <= ${p(new Date(now.getTime() - cadence[grade] * DAY_MS))}::timestamptz)`,
  );
  return `(a.next_follow_up_at <= ${p(now)}::timestamptz OR ${byGrade.join(' OR ')})`;
}

export type AccountSortField =
  'relevance' | 'name' | 'created_at' | 'updated_at' | 'last_activity_at' | 'follow_up_due';

/** Absent or null: no condition (GraphQL input may send an explicit null). */
export interface AccountFilter {
  ownerIds?: string[] | null;
  grades?: string[] | null;
  stages?: string[] | null;
  tags?: string[] | null;
  industries?: string[] | null;
  lastActivityBefore?: Date | null;
  lastActivityAfter?: Date | null;
  inPool?: boolean | null;
  /** true: due for a follow-up at or before now; false: not due (or never, ungraded without a date). */
  followUpDue?: boolean | null;
}

export interface AccountSearch {
  query?: string;
  filter?: AccountFilter;
  sort?: { field: AccountSortField; descending: boolean };
  /** Country of a phone number searched without '+'. */
  defaultCountry?: string;
  /** For followUpDue and the FOLLOW_UP_DUE sort; the defaults of domain/follow-up-cadence.ts otherwise. */
  followUpCadence?: FollowUpCadence;
  now?: Date;
  first?: number | null;
  after?: string | null;
}

/** What kind of text the user typed: the search then uses the index built for that kind. */
export type SearchIntent =
  | { kind: 'email'; key: string }
  | { kind: 'phone'; key: string }
  | { kind: 'tax_id'; key: string; text: string }
  | { kind: 'name'; text: string; key: string | null };

/** Digits and dial punctuation, optionally an extension ('ext. 12', 'x12', '转12'): the text may be a phone. */
const phoneShape = /^[+\d\s()\-–.#]+(?:(?:ext\.?|x|转|轉|分机|分機)\s*\d+)?$/i;

export function classifySearch(raw: string, defaultCountry: string = defaultPhoneCountry): SearchIntent {
  const text = raw.trim();
  if (text.includes('@')) {
    return { kind: 'email', key: normalizeEmail(text) ?? text.toLowerCase() };
  }
  // NFKC first: full-width digits and brackets are what a Chinese input method types.
  const folded = text.normalize('NFKC');
  const digits = folded.replace(/\D/g, '');
  if (phoneShape.test(folded) && digits.length >= 7) {
    const phone = phoneKey(folded, defaultCountry);
    if (phone) return { kind: 'phone', key: phone };
  }
  if (/^[0-9A-Za-z-]{15,20}$/.test(text) && /\d/.test(text) && /^[0-9A-Za-z]/.test(text)) {
    return { kind: 'tax_id', key: normalizeTaxId(text) ?? text.toUpperCase(), text };
  }
  return { kind: 'name', text, key: normalizeCompanyName(text) || null };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const SORT_COLUMNS: Record<Exclude<AccountSortField, 'relevance' | 'follow_up_due'>, string> = {
  name: 'lower(a.name)',
  created_at: 'a.created_at',
  updated_at: 'a.updated_at',
  last_activity_at: "coalesce(a.last_activity_at, '-infinity'::timestamptz)",
};

/**
 * Search and list accounts with filters, a stable sort and keyset (cursor) pagination. Only the accounts the actor
 * may read are listed (see policy/visibility-filter.ts), unless `everyAccount` (the ticket lookup, which returns
 * only what identifies an account: application/ticket-account-lookup.ts).
 */
export async function searchAccounts(
  manager: EntityManager,
  search: AccountSearch,
  actor: Actor,
  options: { everyAccount?: boolean } = {},
): Promise<CountablePage<AccountRow>> {
  const limit = pageSize(search.first);
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = ['a.deleted_at IS NULL'];
  if (!options.everyAccount) where.push(accountVisibilitySql(actor, p));
  const f = search.filter ?? {};
  const badOwner = (f.ownerIds ?? []).findIndex((id) => !isUuid(id));
  if (badOwner >= 0) throw InputError.single(['filter', 'ownerIds', badOwner], 'uuid', 'must be a user id (a UUID)');
  if (f.ownerIds?.length) where.push(`a.owner_id = ANY(${p(f.ownerIds)}::uuid[])`);
  if (f.grades?.length) where.push(`a.grade = ANY(${p(f.grades)}::text[])`);
  if (f.stages?.length) where.push(`a.lifecycle_stage = ANY(${p(f.stages)}::text[])`);
  if (f.tags?.length) where.push(`a.tags @> ${p(f.tags)}::text[]`);
  if (f.industries?.length) where.push(`a.industry = ANY(${p(f.industries)}::text[])`);
  if (f.lastActivityBefore) where.push(`a.last_activity_at < ${p(f.lastActivityBefore)}`);
  if (f.lastActivityAfter) where.push(`a.last_activity_at > ${p(f.lastActivityAfter)}`);
  if (f.inPool) where.push('a.owner_id IS NULL');
  const cadence = search.followUpCadence ?? defaultFollowUpCadence;
  if (f.followUpDue === true) where.push(followUpDueCondition(cadence, search.now ?? new Date(), p));
  if (f.followUpDue === false)
    where.push(`NOT coalesce(${followUpDueCondition(cadence, search.now ?? new Date(), p)}, false)`);

  const query = search.query?.trim();
  const field = search.sort?.field ?? 'relevance';
  // Built after the count's query is taken, so the count holds no parameter it does not use.
  let relevanceOf: (() => string) | null = null;
  let hits: string | null = null;
  if (query) {
    if (query.length > 200) throw InputError.single(['search'], 'max_length', 'must be at most 200 characters');
    const intent = classifySearch(query, search.defaultCountry);
    switch (intent.kind) {
      // Exact keys match a handful of rows: those are found first through their own indexes (accounts and the
      // accounts of matching contacts), then sorted. An OR inside the main query would let the planner walk the
      // whole name index for the ORDER BY ... LIMIT instead (seconds on a million rows).
      case 'email': {
        const key = p([intent.key]);
        hits = `SELECT id FROM accounts WHERE email_keys @> ${key}::text[] AND deleted_at IS NULL
                UNION SELECT account_id FROM contacts WHERE email_keys @> ${key}::text[] AND deleted_at IS NULL`;
        break;
      }
      case 'phone': {
        const key = p([intent.key]);
        hits = `SELECT id FROM accounts WHERE phone_keys @> ${key}::text[] AND deleted_at IS NULL
                UNION SELECT account_id FROM contacts WHERE phone_keys @> ${key}::text[] AND deleted_at IS NULL`;
        break;
      }
      case 'tax_id': {
        const prefix = p(`${escapeLike(intent.text.toLowerCase())}%`);
        hits = `SELECT id FROM accounts WHERE tax_id_key = ${p(intent.key)} AND deleted_at IS NULL
                UNION SELECT id FROM accounts WHERE lower(name) LIKE ${prefix} AND deleted_at IS NULL`;
        break;
      }
      case 'name': {
        const lowered = intent.text.toLowerCase();
        const prefix = p(`${escapeLike(lowered)}%`);
        const fragment = p(`%${escapeLike(lowered)}%`);
        const keyMatch = intent.key ? `a.name_key = ${p(intent.key)}` : 'false';
        where.push(`(lower(a.name) LIKE ${prefix} OR lower(a.name) LIKE ${fragment} OR ${keyMatch})`);
        if (field === 'relevance')
          relevanceOf = () =>
            `(CASE WHEN ${keyMatch} OR lower(a.name) = ${p(lowered)} THEN 0 WHEN lower(a.name) LIKE ${prefix} THEN 1 ELSE 2 END)`;
        break;
      }
    }
  }

  if (hits) where.push('a.id IN (SELECT id FROM hits)');
  const withHits = hits ? `WITH hits AS MATERIALIZED (${hits}) ` : '';
  const countSql = `${withHits}SELECT 1 FROM accounts a WHERE ${where.join(' AND ')}`;
  const countParams = [...params];
  const relevance = relevanceOf?.() ?? null;

  const descending = search.sort?.descending ?? false;
  const keys: string[] =
    field === 'relevance'
      ? relevance
        ? [relevance, SORT_COLUMNS.name, 'a.id']
        : [SORT_COLUMNS.name, 'a.id']
      : [field === 'follow_up_due' ? followUpDueSql(cadence, p) : SORT_COLUMNS[field], 'a.id'];
  const direction = descending ? 'DESC' : 'ASC';

  if (search.after) {
    const values = decodeCursor(search.after, keys.length);
    const typed = keys.map((k, i) => {
      const v = values[i];
      if (k === 'a.id') return `${p(v)}::uuid`;
      if (k.includes('timestamptz') || k.endsWith('_at')) return `${p(v)}::timestamptz`;
      if (k.startsWith('(CASE')) return `${p(v)}::int`;
      return `${p(v)}::text`;
    });
    where.push(`(${keys.join(', ')}) ${descending ? '<' : '>'} (${typed.join(', ')})`);
  }

  const select = keys.map((k, i) => `${k} AS sort_${i}`).join(', ');
  const sql = `${withHits}SELECT a.id, ${select} FROM accounts a WHERE ${where.join(' AND ')} ORDER BY ${keys.map((k) => `${k} ${direction}`).join(', ')} LIMIT ${limit + 1}`;
  const rows: Record<string, unknown>[] = await manager.query(sql, params);
  const ids = rows.map((r) => r.id as string);
  const ordered = await rowsInOrder(manager, AccountEntity, ids);
  const sortValues = new Map(rows.map((r) => [r.id as string, keys.map((_, i) => serializeSortValue(r[`sort_${i}`]))]));
  return {
    ...toPage(ordered, limit, (row) => sortValues.get(row.id) ?? [row.id]),
    count: (bound) => boundedCount(manager, countSql, countParams, bound),
  };
}

function serializeSortValue(value: unknown): CursorValue {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : '-infinity';
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : value > 0 ? 'infinity' : '-infinity';
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}
