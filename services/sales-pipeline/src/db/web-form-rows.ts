import type { DataSource } from 'typeorm';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';

/** The lead fields a web form may carry; each form allows some of them. */
export const webFormFields = ['companyName', 'personName', 'title', 'email', 'phone', 'industry', 'region'] as const;
export type WebFormField = (typeof webFormFields)[number];

export interface WebFormRow {
  id: string;
  publicKey: string;
  name: string;
  teamId: string;
  active: boolean;
  rateLimitPerMinute: number;
  allowedFields: WebFormField[];
  createdAt: Date;
  updatedAt: Date;
}

export const webFormColumns = `id, public_key AS "publicKey", name, team_id AS "teamId", active,
  rate_limit_per_minute AS "rateLimitPerMinute", allowed_fields AS "allowedFields", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** created_at as a cursor keeps it: UTC to the microsecond (a JS Date would round it to milliseconds). */
const createdAtKey = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A page of the forms, newest first (keyset: created_at descending, then id ascending). */
export async function webFormPage(
  dataSource: DataSource,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<CountablePage<WebFormRow>> {
  const limit = pageSize(first);
  const params: unknown[] = [];
  let keyset = '';
  if (after) {
    const [at, id] = decodeCursor(after, 2);
    if (typeof at !== 'string' || !microsecondTimestamp.test(at) || typeof id !== 'string' || !isUuid(id)) {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    params.push(at, id);
    keyset = `WHERE (created_at < $1::timestamptz OR (created_at = $1::timestamptz AND id > $2::uuid))`;
  }
  const rows: (WebFormRow & { createdAtKey: string })[] = await dataSource.query(
    `SELECT ${webFormColumns}, ${createdAtKey} AS "createdAtKey" FROM web_forms ${keyset}
      ORDER BY created_at DESC, id LIMIT ${limit + 1}`,
    params,
  );
  return {
    ...toPage(rows, limit, (r) => [r.createdAtKey, r.id]),
    count: (bound) => boundedCount(dataSource, `SELECT 1 FROM web_forms`, [], bound),
  };
}
