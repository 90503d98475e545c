/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { ContractsCard } from './ContractsCard';
import { LineItemsCard } from './LineItemsCard';
import { QuotesCard } from './QuotesCard';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;
const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const quote = (id: string, version: number, status: string) => ({
  id,
  version,
  status,
  total: cny('12000.00'),
  maxDiscountPercent: '0.0000',
  validUntil: '2026-12-31',
  decidedAt: null,
  decidedByUser: null,
  decisionComment: null,
});

const deal = {
  id: 'deal-1',
  ownerId: 'user-1',
  status: 'OPEN',
  version: 3,
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
  quotes: [quote('q1', 1, 'DRAFT'), quote('q2', 2, 'APPROVED'), quote('q3', 3, 'ACCEPTED')],
  contracts: [],
} as unknown as Deal;

function renderCards(roles: string[]): void {
  const { client } = fakeClient({});
  render(
    <SalesPageHarness client={client} portal={signedInAs(roles)}>
      <LineItemsCard deal={deal} reload={jest.fn()} />
      <QuotesCard deal={deal} reload={jest.fn()} />
      <ContractsCard deal={deal} reload={jest.fn()} />
    </SalesPageHarness>,
  );
}

describe("an opportunity's editors follow the sales service's operation rules", () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['finance']])('show %s the lines, quotes and contracts without a write action', (role) => {
    renderCards([role]);
    expect(screen.getByText('ERP core licence')).toBeTruthy();
    expect(screen.getByText('v2')).toBeTruthy();
    for (const action of ['Edit line items', 'New quote version', 'Submit', 'Customer accepted', 'Draft the contract'])
      expect(screen.queryByRole('button', { name: action })).toBeNull();
  });

  it('give the owning rep every action the deal state allows', () => {
    renderCards(['sales-rep']);
    for (const action of ['Edit line items', 'New quote version', 'Submit', 'Customer accepted', 'Draft the contract'])
      expect(screen.getByRole('button', { name: action })).toBeTruthy();
  });
});
