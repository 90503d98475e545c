import type { DataSource } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ConflictError, InputError, type FieldViolation } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { lineItemsTotal, lineTotal, parseLineItems, type LineItem } from '../domain/line-items';
import { preconditionFailed, ViolationCollector } from '../domain/rule-errors';
import { insertLines, linesOf, type LineItemRow } from '../db/line-item-rows';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunitiesById } from '../db/opportunity-rows';
import { pricesOf, productsById } from '../db/price-book-rows';
import type { OpportunityService } from './opportunity-service';

export interface LineItemInput {
  productId: string;
  quantity: string;
  /** The price book's price in the deal's currency when not given. */
  unitPrice?: string | null;
  discountPercent?: string | null;
}

/** The unit price is given as text here but checked as money by the rules: name the argument, not its inner amount. */
function asArgumentPaths(error: InputError): InputError {
  return new InputError(
    error.violations.map((v): FieldViolation => {
      const i = v.path.lastIndexOf('amount');
      return v.path[i - 1] === 'unitPrice' ? { ...v, path: v.path.slice(0, i) } : v;
    }),
  );
}

/** A deal's line items from the price book: replacing them sets the deal's amount to their total. */
export class LineItemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly opportunities: OpportunityService,
  ) {}

  async linesOf(opportunityIds: readonly string[]): Promise<Map<string, LineItemRow[]>> {
    return linesOf(this.dataSource.manager, 'opportunity_line_items', opportunityIds.filter(isUuid));
  }

  /**
   * Replaces the open deal's lines (who may edit the deal): unit prices default to the price book in the deal's
   * currency, totals per domain/line-items.ts, and the deal's amount becomes their sum. `expectedVersion` guards
   * against overwriting someone else's edit.
   */
  async set(
    opportunityId: string,
    items: LineItemInput[],
    expectedVersion: number,
    actor: Actor,
  ): Promise<OpportunityRow> {
    return this.dataSource.transaction(async (tx) => {
      const deal = await this.opportunities.lockForEdit(tx, opportunityId, actor);
      if (deal.version !== expectedVersion) {
        throw new ConflictError(`opportunity ${deal.id} changed meanwhile (version ${deal.version}): reload it`, {
          field: 'expectedVersion',
          rule: 'stale_version',
        });
      }
      if (deal.status !== 'open') {
        throw preconditionFailed(['opportunityId'], 'open_deal', `a ${deal.status} deal's lines cannot change`);
      }
      const check = new ViolationCollector();
      const productIds = items.map((item) => item.productId.trim()).filter(isUuid);
      const [products, prices] = await Promise.all([productsById(tx, productIds), pricesOf(tx, productIds)]);
      const candidates = items.map((item, i) => {
        const productId = item.productId.trim();
        const product = isUuid(productId) ? products.get(productId) : undefined;
        // An empty id is named by parseLineItems ('required'); a malformed one here.
        if (productId && !isUuid(productId)) check.add(['items', i, 'productId'], 'uuid', 'must be a UUID');
        else if (isUuid(productId) && !product)
          check.add(['items', i, 'productId'], 'exists', `there is no product ${productId}`);
        else if (product && !product.active)
          check.add(['items', i, 'productId'], 'active', `product ${product.code} is inactive`);
        let unitPrice = item.unitPrice ?? undefined;
        if (unitPrice === undefined && product) {
          unitPrice = prices.get(product.id)?.find((p) => p.currency === deal.currency)?.unitPrice;
          if (unitPrice === undefined) {
            check.add(
              ['items', i, 'productId'],
              'price_book',
              `product ${product.code} has no price in ${deal.currency}: give unitPrice`,
            );
          }
        }
        return {
          productId,
          quantity: item.quantity,
          unitPrice: { amount: unitPrice ?? '0', currency: deal.currency },
          discountPercent: item.discountPercent ?? '0',
        };
      });
      let lines: LineItem[] = [];
      try {
        lines = parseLineItems(candidates, deal.currency, ['items']);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        check.violations.push(...asArgumentPaths(error).violations);
      }
      // One reply, line by line, whichever check found the problem.
      check.violations.sort((a, b) => Number(a.path[1] ?? -1) - Number(b.path[1] ?? -1));
      check.throwIfAny();
      const total = lineItemsTotal(lines, deal.currency);
      await tx.query(`DELETE FROM opportunity_line_items WHERE opportunity_id = $1`, [deal.id]);
      await insertLines(
        tx,
        'opportunity_line_items',
        deal.id,
        lines.map((line) => ({
          productId: line.productId,
          quantity: line.quantity,
          unitPrice: line.unitPrice.amount,
          currency: line.unitPrice.currency,
          discountPercent: line.discountPercent,
          lineTotal: lineTotal(line).amount,
        })),
      );
      await tx.query(
        `UPDATE opportunities SET amount = $2, updated_by = $3, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [deal.id, total.amount, actor.id],
      );
      await audit(
        tx,
        actor,
        'opportunity.line_items_set',
        { type: 'opportunity', id: deal.id },
        changesOf([{ field: 'amount', before: deal.amount, after: total.amount }]),
        {
          currency: deal.currency,
          lines: lines.map((l) => ({
            productId: l.productId,
            quantity: l.quantity,
            unitPrice: l.unitPrice.amount,
            discountPercent: l.discountPercent,
          })),
        },
      );
      return (await opportunitiesById(tx, [deal.id])).get(deal.id)!;
    });
  }
}
