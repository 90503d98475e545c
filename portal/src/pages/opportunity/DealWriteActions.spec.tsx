/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { ContractsCard } from './ContractsCard';
import { cny, erpDeal, type Deal } from './deal-fixture';
import { LineItemsCard } from './LineItemsCard';
import { QuotesCard } from './QuotesCard';

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
  ...erpDeal,
  ownerId: 'user-1',
  status: 'OPEN',
  quotes: [quote('q1', 1, 'DRAFT'), quote('q2', 2, 'APPROVED'), quote('q3', 3, 'ACCEPTED')],
  contracts: [],
} as unknown as Deal;

function renderCards(roles: string[]): void {
  renderSignedIn(
    roles,
    <>
      <LineItemsCard deal={deal} reload={jest.fn()} />
      <QuotesCard deal={deal} reload={jest.fn()} />
      <ContractsCard deal={deal} reload={jest.fn()} />
    </>,
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
