// Loads realistic accounts into a migrated database as fast as PostgreSQL allows: the search indexes are dropped,
// rows are made by INSERT ... SELECT over generate_series (same vocabulary as bench-accounts.ts), the indexes are
// rebuilt from their own definitions, then VACUUM ANALYZE. The key columns are computed the way the service
// normalizes (E.164 phones, lowercase emails, name keys without legal forms) and checked on a sample afterwards.
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { normalizeCompanyName } from '../../services/customer/src/domain/company-name';
import { normalizeEmail } from '../../services/customer/src/domain/email-address';
import { normalizePhone } from '../../services/customer/src/domain/phone-number';
import { checkTaxId, normalizeTaxId } from '../../services/customer/src/domain/tax-id';
import {
  chineseNameSpace,
  cities,
  cnForms,
  cnTrades,
  coreChars,
  enForms,
  englishNameSpace,
  enPrefixes,
  enSuffixes,
  enTrades,
  industries,
  mobilePrefixes,
  owners,
  spread,
  tags,
  teams,
} from './bench-accounts';
import { formatCount, progress, round } from './stats';

const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Weighted sum of '91' + division code (the first 8 characters), so SQL only adds the 9 varying digits. */
function usccHeadSum(divisionCode: string): number {
  return [...`91${divisionCode}`].reduce((sum, ch, i) => sum + usccAlphabet.indexOf(ch) * usccWeights[i], 0);
}

const params = {
  cityNames: cities.map((c) => c[0]),
  cityPinyin: cities.map((c) => c[1]),
  cityAbbr: cities.map((c) => c[2]),
  divisionCodes: cities.map((c) => c[3]),
  postalCodes: cities.map((c) => c[4]),
  usccHeadSums: cities.map((c) => usccHeadSum(c[3])),
  coreChars: coreChars.map((c) => c[0]),
  corePinyin: coreChars.map((c) => c[1]),
  cnTrades,
  cnForms,
  enPrefixes,
  enSuffixes,
  enTrades,
  enForms,
  mobilePrefixes,
  industries,
  tags,
  owners,
  teams,
};
type ParamName = keyof typeof params | 'lo' | 'hi';
const order: ParamName[] = ['lo', 'hi', ...(Object.keys(params) as (keyof typeof params)[])];
const $ = (name: ParamName) => `$${order.indexOf(name) + 1}`;
/** Element number `expr` (0-based, wrapping) of the array parameter `name`. */
const at = (name: keyof typeof params, expr: string) =>
  `(${$(name)}::text[])[((${expr}) % ${params[name].length} + 1)::int]`;

const nC = cities.length;
const nK = coreChars.length;
const nP = enPrefixes.length;
const nS = enSuffixes.length;
const orgDigit = (j: number) => `((k % 1000000000) / ${10 ** (8 - j)} % 10) * ${usccWeights[8 + j]}`;
const usccSum = `((${$('usccHeadSums')}::int[])[(ci + 1)::int] + ${Array.from({ length: 9 }, (_, j) => orgDigit(j)).join(' + ')})`;

const insertSql = `
INSERT INTO accounts (id, name, name_key, tax_id, tax_id_key, industry, size, website, addresses, phones, phone_keys,
  emails, email_keys, tags, grade, lifecycle_stage, owner_id, team_id, created_by, created_at, updated_by, updated_at,
  last_activity_at, deleted_at, deleted_by, version)
SELECT gen_random_uuid(), n.name, n.name_key, t.tax_id, t.tax_id, ${at('industries', 'h / 7')},
  (ARRAY['micro','small','medium','large','enterprise'])[((h / 11) % 5 + 1)::int],
  'https://www.' || n.domain || '/',
  jsonb_build_array(jsonb_build_object('kind', 'office', 'line1',
    (ARRAY['科技园路','人民路','中山路','建设路','滨江大道'])[((h / 31) % 5 + 1)::int] || (1 + h2 % 300) || '号', 'line2', NULL,
    'city', ${at('cityNames', 'ci')}, 'region', NULL, 'postalCode', ${at('postalCodes', 'ci')}, 'countryCode', 'CN')),
  ph.phones, ph.phones, ARRAY[n.email], ARRAY[n.email],
  ARRAY(SELECT u.t FROM unnest(${$('tags')}::text[]) WITH ORDINALITY AS u(t, i) WHERE (h2 >> (u.i::int + 8)) % 8 = 0),
  CASE WHEN (h / 13) % 100 < 15 THEN 'A' WHEN (h / 13) % 100 < 45 THEN 'B' WHEN (h / 13) % 100 < 85 THEN 'C'
       WHEN (h / 13) % 100 < 90 THEN 'A' END,
  (ARRAY['prospect','customer','customer','churned'])[((h / 17) % 4 + 1)::int],
  CASE WHEN (h / 19) % 100 < 85 THEN ${at('owners', 'h / 23')}::uuid END,
  CASE WHEN (h / 19) % 100 < 85 THEN ${at('teams', `(h / 23) % ${owners.length}`)} END,
  'bench-load', d.created_at, 'bench-load', d.created_at,
  CASE WHEN h2 % 10 < 7 THEN d.created_at + (h2 % 2592000) * interval '1 second' END,
  CASE WHEN (h / 29) % 100 = 0 THEN now() - (h2 % 864000) * interval '1 second' END,
  CASE WHEN (h / 29) % 100 = 0 THEN 'bench-load' END,
  1
FROM generate_series(${$('lo')}::bigint, ${$('hi')}::bigint) AS g
CROSS JOIN LATERAL (
  SELECT (g % 5) < 3 AS cn,
         CASE WHEN g % 5 < 3 THEN (g / 5) * 3 + g % 5 ELSE (g / 5) * 2 + g % 5 - 3 END AS k,
         (hashint8(g) & 2147483647)::bigint AS h,
         (hashint8(-g - 1) & 2147483647)::bigint AS h2
) AS a
CROSS JOIN LATERAL (
  SELECT (k * ${spread}) % CASE WHEN cn THEN ${chineseNameSpace} ELSE ${englishNameSpace} END AS p
) AS b
CROSS JOIN LATERAL (SELECT p % ${nC} AS ci, p / ${nC} AS q) AS c
CROSS JOIN LATERAL (
  SELECT CASE WHEN cn
    THEN ${at('cityNames', 'ci')} || ${at('coreChars', 'q')} || ${at('coreChars', `q / ${nK}`)} || ${at('cnTrades', `q / ${nK * nK}`)}
    ELSE lower(${at('cityPinyin', 'ci')} || ${at('enPrefixes', 'q')} || ${at('enSuffixes', `q / ${nP}`)} || ${at('enTrades', `q / ${nP * nS}`)})
  END AS name_key,
  CASE WHEN cn
    THEN ${at('cityNames', 'ci')} || ${at('coreChars', 'q')} || ${at('coreChars', `q / ${nK}`)} || ${at('cnTrades', `q / ${nK * nK}`)} || ${at('cnForms', 'h')}
    ELSE ${at('cityPinyin', 'ci')} || ' ' || ${at('enPrefixes', 'q')} || ${at('enSuffixes', `q / ${nP}`)} || ' ' || ${at('enTrades', `q / ${nP * nS}`)} || ' ' || ${at('enForms', 'h')}
  END AS name,
  CASE WHEN cn
    THEN ${at('cityAbbr', 'ci')} || ${at('corePinyin', 'q')} || ${at('corePinyin', `q / ${nK}`)} || g || '.com.cn'
    ELSE lower(${at('enPrefixes', 'q')}) || ${at('enSuffixes', `q / ${nP}`)} || g || '.com'
  END AS domain
) AS n0
CROSS JOIN LATERAL (
  SELECT n0.name, n0.name_key, n0.domain,
         (ARRAY['sales','info','contact','service'])[(h2 % 4 + 1)::int] || '@' || n0.domain AS email
) AS n
CROSS JOIN LATERAL (
  SELECT CASE WHEN cn AND h % 10 < 9
    THEN '91' || ${at('divisionCodes', 'ci')} || lpad((k % 1000000000)::text, 9, '0')
         || substr('${usccAlphabet}', ((31 - ${usccSum} % 31) % 31 + 1)::int, 1)
  END AS tax_id
) AS t
CROSS JOIN LATERAL (
  SELECT CASE WHEN cn
    THEN ARRAY['+861' || ${at('mobilePrefixes', 'g')} || lpad(((g * ${spread} + 1234567) % 100000000)::text, 8, '0')]
         || CASE WHEN h2 % 10 < 3 THEN ARRAY['+867558' || lpad(((g * 104729) % 10000000)::text, 7, '0')] ELSE '{}'::text[] END
    ELSE ARRAY['+1415' || (200 + ((g * ${spread} + 99) % 8000000) / 10000) || lpad((((g * ${spread} + 99) % 8000000) % 10000)::text, 4, '0')]
  END AS phones
) AS ph
CROSS JOIN LATERAL (SELECT now() - (h % 94608000) * interval '1 second' AS created_at) AS d`;

export interface LoadResult {
  rows: number;
  insertSeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  tableBytes: number;
  indexBytes: number;
  keyCheck: { sampled: number; mismatches: number; firstMismatch: string | null };
}

/** Loads `rows` accounts into the (empty, migrated) accounts table of the connected database. */
export async function loadAccounts(client: Client, rows: number): Promise<LoadResult> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query('SET synchronous_commit = off');
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'accounts'
        AND indexname <> 'accounts_pkey'`,
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);

  const started = performance.now();
  const chunk = 250_000;
  for (let lo = 0; lo < rows; lo += chunk) {
    const hi = Math.min(rows, lo + chunk) - 1;
    const values = order.map((name) => (name === 'lo' ? lo : name === 'hi' ? hi : params[name]));
    await client.query(insertSql, values);
    progress(`search: inserted ${formatCount(hi + 1)} of ${formatCount(rows)} accounts`);
  }
  const insertSeconds = (performance.now() - started) / 1000;

  const indexStarted = performance.now();
  for (const index of indexes) {
    const t = performance.now();
    await client.query(index.indexdef);
    progress(`search: rebuilt ${index.indexname} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const analyzeStarted = performance.now();
  await client.query('VACUUM (ANALYZE) accounts');
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  await client.query('RESET maintenance_work_mem');
  await client.query('RESET synchronous_commit');

  const { rows: sizes } = await client.query<{ table_bytes: string; index_bytes: string }>(
    `SELECT pg_table_size('accounts') AS table_bytes, pg_indexes_size('accounts') AS index_bytes`,
  );
  return {
    rows,
    insertSeconds: round(insertSeconds, 1),
    indexSeconds: round(indexSeconds, 1),
    analyzeSeconds: round(analyzeSeconds, 1),
    tableBytes: Number(sizes[0].table_bytes),
    indexBytes: Number(sizes[0].index_bytes),
    keyCheck: await checkKeys(client),
  };
}

/** The generated key columns must be what the service itself would compute, or the search measures nothing real. */
async function checkKeys(client: Client): Promise<LoadResult['keyCheck']> {
  const { rows } = await client.query<{
    name: string;
    name_key: string;
    tax_id: string | null;
    tax_id_key: string | null;
    phones: string[];
    phone_keys: string[];
    emails: string[];
    email_keys: string[];
  }>(
    `SELECT name, name_key, tax_id, tax_id_key, phones, phone_keys, emails, email_keys
       FROM accounts TABLESAMPLE SYSTEM (1) REPEATABLE (11) LIMIT 2000`,
  );
  let mismatches = 0;
  let firstMismatch: string | null = null;
  for (const row of rows) {
    const problems: string[] = [];
    if (normalizeCompanyName(row.name) !== row.name_key) problems.push(`name_key ${row.name_key}`);
    if (row.tax_id !== null && (normalizeTaxId(row.tax_id) !== row.tax_id_key || checkTaxId(row.tax_id).length))
      problems.push(`tax id ${row.tax_id}`);
    if (row.phones.some((p, i) => normalizePhone(p) !== p || row.phone_keys[i] !== p)) problems.push('phones');
    if (row.emails.some((e, i) => normalizeEmail(e) !== e || row.email_keys[i] !== e)) problems.push('emails');
    if (problems.length) {
      mismatches += 1;
      firstMismatch ??= `${row.name}: ${problems.join(', ')}`;
    }
  }
  return { sampled: rows.length, mismatches, firstMismatch };
}
