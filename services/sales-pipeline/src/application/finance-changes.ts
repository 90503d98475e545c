import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { decodeCursor, pageSize, toPage, type Page } from '@crm/platform/pagination';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunitiesById } from '../db/opportunity-rows';
import {
  contractTerms,
  invoicesById,
  paymentsById,
  type ContractTerms,
  type InvoiceRow,
  type PaymentRow,
} from '../db/payment-plan-rows';

export type FinanceChangeKind = 'won_deal' | 'contract' | 'invoice' | 'payment';

/** One change of a won deal, contract, invoice or payment, at its place in the feed. */
export interface FinanceChangeRow {
  /** The writing transaction's id (xid8, as text) and the change's sequence: the feed's order. */
  xid: string;
  seq: string;
  kind: FinanceChangeKind;
  entityId: string;
  changedAt: Date;
}

/** A change with its record as it is now (read in one statement per kind for the whole page). */
export interface FinanceChangeEntry extends FinanceChangeRow {
  opportunity: OpportunityRow | null;
  contract: ContractTerms | null;
  invoice: InvoiceRow | null;
  payment: PaymentRow | null;
}

/**
 * The finance change feed an ERP syncs from. Rows are stamped by triggers with the writing transaction's id; a page
 * holds only rows of transactions older than the reading snapshot's xmin (all of them finished), in (xid, seq) order.
 * A transaction that commits later has an xid at or above that xmin, so its rows sort after every row handed out:
 * paging on from the cursor never misses one, however the writers' commits interleave, and never repeats one.
 */
export class FinanceChanges {
  constructor(private readonly dataSource: DataSource) {}

  async page(
    changedSince: Date | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<Page<FinanceChangeEntry>> {
    const limit = pageSize(first);
    const params: unknown[] = [limit + 1];
    const where = ['c.xid < pg_snapshot_xmin(pg_current_snapshot())'];
    if (after) {
      const [xid, seq] = decodeCursor(after, 2);
      if (typeof xid !== 'string' || !/^\d{1,20}$/.test(xid) || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq)) {
        throw InputError.single(['after'], 'cursor', 'is not a cursor returned by financeChanges');
      }
      params.push(xid, seq);
      where.push(`(c.xid, c.seq) > ($2::xid8, $3::bigint)`);
    } else if (changedSince) {
      // Only where a sync starts: afterwards the cursor alone says where it is (clocks do not order commits).
      params.push(changedSince);
      where.push(`c.changed_at >= $2`);
    }
    const rows: FinanceChangeRow[] = await this.dataSource.query(
      `SELECT c.xid::text AS xid, c.seq::text AS seq, c.kind, c.entity_id AS "entityId", c.changed_at AS "changedAt"
         FROM finance_changes c WHERE ${where.join(' AND ')} ORDER BY c.xid, c.seq LIMIT $1`,
      params,
    );
    const page = toPage(rows, limit, (row) => [row.xid, row.seq]);
    // Contract money is a sensitive read: each page that hands out records is audited (empty polls are not).
    if (page.items.length) {
      await this.dataSource.transaction((tx) =>
        audit(tx, actor, 'finance_changes.read', { type: 'finance_changes', id: page.endCursor! }, [], {
          after: after ?? null,
          changedSince: changedSince ?? null,
          changes: page.items.map((c) => `${c.kind}:${c.entityId}`),
        }),
      );
    }
    return { ...page, items: await this.withRecords(page.items) };
  }

  private async withRecords(rows: FinanceChangeRow[]): Promise<FinanceChangeEntry[]> {
    const idsOf = (kind: FinanceChangeKind) => rows.filter((r) => r.kind === kind).map((r) => r.entityId);
    const manager = this.dataSource.manager;
    const [deals, contracts, invoices, payments] = await Promise.all([
      opportunitiesById(manager, idsOf('won_deal')),
      contractTerms(manager, idsOf('contract')),
      invoicesById(manager, idsOf('invoice')),
      paymentsById(manager, idsOf('payment')),
    ]);
    return rows.map((row) => ({
      ...row,
      opportunity: row.kind === 'won_deal' ? (deals.get(row.entityId) ?? null) : null,
      contract: row.kind === 'contract' ? (contracts.get(row.entityId) ?? null) : null,
      invoice: row.kind === 'invoice' ? (invoices.get(row.entityId) ?? null) : null,
      payment: row.kind === 'payment' ? (payments.get(row.entityId) ?? null) : null,
    }));
  }
}
