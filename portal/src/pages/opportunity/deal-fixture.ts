import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';

export type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;

export const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });

/** A deal with one ERP line, as the opportunity page reads it, for component specs (add what a spec needs). */
export const erpDeal = {
  id: 'deal-1',
  version: 7,
  amount: cny('12000.00'),
  lineItems: [
    {
      position: 1,
      product: { id: 'erp', name: 'ERP core licence' },
      quantity: '3.0000',
      unitPrice: cny('4000.00'),
      discountPercent: '0.0000',
      lineTotal: cny('12000.00'),
    },
  ],
} as unknown as Deal;
