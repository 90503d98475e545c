import type { DataSource } from 'typeorm';
import {
  boundedCount,
  decodeCursorOf,
  pageSize,
  timestampCursorSql,
  toPage,
  type CountablePage,
} from '@crm/platform/pagination';

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
    params.push(...decodeCursorOf(after, ['timestamp', 'uuid'] as const));
    keyset = `WHERE (created_at < $1::timestamptz OR (created_at = $1::timestamptz AND id > $2::uuid))`;
  }
  // The cursor keeps created_at to the microsecond (a Date would round it to milliseconds and skip rows).
  const rows: (WebFormRow & { createdAtKey: string })[] = await dataSource.query(
    `SELECT ${webFormColumns}, ${timestampCursorSql('created_at')} AS "createdAtKey" FROM web_forms ${keyset}
      ORDER BY created_at DESC, id LIMIT ${limit + 1}`,
    params,
  );
  return {
    ...toPage(rows, limit, (r) => [r.createdAtKey, r.id]),
    count: (bound) => boundedCount(dataSource, `SELECT 1 FROM web_forms`, [], bound),
  };
}
