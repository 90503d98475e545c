import type { EntityManager } from 'typeorm';
import type { QuoteStatus } from '../domain/quote-approval';

/** A version of a deal's quote; its lines are in quote_lines (LineItemRow). */
export interface QuoteRow {
  id: string;
  opportunityId: string;
  version: number;
  status: QuoteStatus;
  currency: string;
  /** Decimal string: the sum of the rounded line totals. */
  total: string;
  maxDiscountPercent: string;
  needsApproval: boolean;
  /** Calendar date YYYY-MM-DD: the customer may accept it until the end of that day. */
  validUntil: string;
  notes: string | null;
  submittedBy: string | null;
  submittedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  acceptedBy: string | null;
  acceptedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
}

export const quoteColumns = `q.id, q.opportunity_id AS "opportunityId", q.version, q.status, q.currency,
  q.total::text AS total, q.max_discount_percent::text AS "maxDiscountPercent", q.needs_approval AS "needsApproval",
  to_char(q.valid_until, 'YYYY-MM-DD') AS "validUntil", q.notes, q.submitted_by AS "submittedBy",
  q.submitted_at AS "submittedAt", q.decided_by AS "decidedBy", q.decided_at AS "decidedAt",
  q.decision_comment AS "decisionComment", q.accepted_by AS "acceptedBy", q.accepted_at AS "acceptedAt",
  q.created_by AS "createdBy", q.created_at AS "createdAt", q.updated_at AS "updatedAt", q.revision`;

export async function quotesById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, QuoteRow>> {
  if (!ids.length) return new Map();
  const rows: QuoteRow[] = await manager.query(
    `SELECT ${quoteColumns} FROM quotes q WHERE q.id = ANY($1::uuid[]) ORDER BY q.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every version of each deal's quote, newest first (one statement). */
export async function quotesOfDeals(
  manager: EntityManager,
  opportunityIds: readonly string[],
): Promise<Map<string, QuoteRow[]>> {
  const out = new Map<string, QuoteRow[]>();
  if (!opportunityIds.length) return out;
  const rows: QuoteRow[] = await manager.query(
    `SELECT ${quoteColumns} FROM quotes q WHERE q.opportunity_id = ANY($1::uuid[])
      ORDER BY q.opportunity_id, q.version DESC`,
    [[...new Set(opportunityIds)]],
  );
  for (const row of rows) out.set(row.opportunityId, [...(out.get(row.opportunityId) ?? []), row]);
  return out;
}
