import DataLoader from 'dataloader';
import { auditEntry, appendAudit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { byIdLoader as byId } from '@crm/platform/graphql';
import type { SalesServices } from '../application/sales-services';
import type { ContractRow } from '../db/contract-rows';
import type { LineItemRow } from '../db/line-item-rows';
import type { PriceRow, ProductRow } from '../db/price-book-rows';
import type { QuoteRow } from '../db/quote-rows';

/** Per-request loaders of the price book, line items, quotes and contracts (one statement per kind per tick). */
export interface CommercialLoaders {
  product: DataLoader<string, ProductRow | null>;
  productPrices: DataLoader<string, PriceRow[]>;
  dealLineItems: DataLoader<string, LineItemRow[]>;
  quoteLines: DataLoader<string, LineItemRow[]>;
  dealQuotes: DataLoader<string, QuoteRow[]>;
  dealContracts: DataLoader<string, ContractRow[]>;
  /** Quotes and contracts by id, for a caller who may see their deal (null otherwise). */
  quote: DataLoader<string, QuoteRow | null>;
  contract: DataLoader<string, ContractRow | null>;
  /** One audit row per contract whose value this request read, written before the values are returned. */
  contractValueReadAudit: DataLoader<string, true>;
}

function grouped<T>(fetch: (ids: readonly string[]) => Promise<Map<string, T[]>>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const found = await fetch(ids);
    return ids.map((id) => found.get(id) ?? []);
  });
}

export function commercialLoaders(services: SalesServices, actor: Actor): CommercialLoaders {
  return {
    product: byId((ids) => services.priceBook.batchGet(ids)),
    productPrices: grouped((ids) => services.priceBook.prices(ids)),
    dealLineItems: grouped((ids) => services.lineItems.linesOf(ids)),
    quoteLines: grouped((ids) => services.quotes.linesOf(ids)),
    dealQuotes: grouped((ids) => services.quotes.ofDeals(ids)),
    dealContracts: grouped((ids) => services.contracts.ofDeals(ids)),
    quote: byId((ids) => services.quotes.batchGet(ids, actor)),
    contract: byId((ids) => services.contracts.batchGet(ids, actor)),
    contractValueReadAudit: new DataLoader<string, true>(async (contractIds) => {
      await services.dataSource.transaction((tx) =>
        appendAudit(
          tx,
          contractIds.map((id) =>
            auditEntry(actor, 'contract.read_sensitive', { type: 'contract', id }, [], { fields: ['value'] }),
          ),
        ),
      );
      return contractIds.map(() => true as const);
    }),
  };
}
