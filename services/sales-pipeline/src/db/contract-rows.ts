import type { EntityManager } from 'typeorm';

export type ContractStatus = 'draft' | 'signed' | 'terminated';

/** A contract made from an accepted quote; `value` is finance data (policy/commercial-access.ts). */
export interface ContractRow {
  id: string;
  number: string;
  opportunityId: string;
  quoteId: string | null;
  accountId: string;
  ownerId: string;
  teamId: string | null;
  status: ContractStatus;
  /** Decimal string in `currency`. */
  value: string;
  currency: string;
  /** Calendar dates YYYY-MM-DD. */
  signedOn: string | null;
  startOn: string | null;
  termMonths: number | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const contractColumns = `c.id, c.number, c.opportunity_id AS "opportunityId", c.quote_id AS "quoteId",
  c.account_id AS "accountId", c.owner_id AS "ownerId", c.team_id AS "teamId", c.status, c.value::text AS value,
  c.currency, to_char(c.signed_on, 'YYYY-MM-DD') AS "signedOn", to_char(c.start_on, 'YYYY-MM-DD') AS "startOn",
  c.term_months AS "termMonths", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.version`;

export async function contractsById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, ContractRow>> {
  if (!ids.length) return new Map();
  const rows: ContractRow[] = await manager.query(
    `SELECT ${contractColumns} FROM contracts c WHERE c.id = ANY($1::uuid[])
      ORDER BY c.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The contracts of each deal, newest first (one statement). */
export async function contractsOfDeals(
  manager: EntityManager,
  opportunityIds: readonly string[],
): Promise<Map<string, ContractRow[]>> {
  const out = new Map<string, ContractRow[]>();
  if (!opportunityIds.length) return out;
  const rows: ContractRow[] = await manager.query(
    `SELECT ${contractColumns} FROM contracts c WHERE c.opportunity_id = ANY($1::uuid[])
      ORDER BY c.opportunity_id, c.created_at DESC, c.id DESC`,
    [[...new Set(opportunityIds)]],
  );
  for (const row of rows) out.set(row.opportunityId, [...(out.get(row.opportunityId) ?? []), row]);
  return out;
}
