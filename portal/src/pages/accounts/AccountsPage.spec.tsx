/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { AccountsPage } from './AccountsPage';
import { PoolTab } from './PoolTab';

const account = (id: string, name: string, ownerId: string | null) => ({
  id,
  name,
  grade: 'B',
  lifecycleStage: 'CUSTOMER',
  tags: [],
  ownerId,
  owner: ownerId ? { id: ownerId, displayName: 'Emma Eastwood' } : null,
  teamId: 'east',
  phones: [],
  followUpDueAt: null,
  lastActivityAt: null,
  version: 1,
});

function renderAs(roles: string[], page: 'all' | 'pool') {
  renderSignedIn(roles, page === 'pool' ? <PoolTab /> : <AccountsPage />, {
    AccountsList: () => ({
      data: {
        accounts: {
          totalCount: 1,
          totalCountIsEstimate: false,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [{ node: account('a1', 'Apex Medical Inc.', page === 'pool' ? null : 'user-1') }],
        },
      },
    }),
    AccountsSavedViews: () => ({
      data: { savedAccountViews: { edges: [], pageInfo: { endCursor: null, hasNextPage: false } } },
    }),
    AccountsPoolQuota: () => ({
      data: {
        poolQuota: {
          claimsToday: 1,
          dailyClaimCap: 5,
          ownedAccounts: 3,
          maxOwnedAccounts: 50,
          timeZone: 'Asia/Shanghai',
          dayEndsAt: '2026-12-01T16:00:00Z',
        },
      },
    }),
  });
}

describe('the accounts page offers only the actions the customer service allows the role', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['finance']])('shows %s the accounts without new-account or selection', async (role) => {
    renderAs([role], 'all');
    expect(await screen.findByRole('link', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /New account/ })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Apex Medical Inc.' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Select this page' })).toBeNull();
  });

  it('lets a rep create accounts and select rows for bulk actions', async () => {
    renderAs(['sales-rep'], 'all');
    expect(await screen.findByRole('link', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /New account/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Select this page' })).toBeTruthy();
  });

  it.each([['auditor'], ['finance']])('lets %s browse the pool without claiming or a quota', async (role) => {
    renderAs([role], 'pool');
    expect(await screen.findByRole('link', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Claim/ })).toBeNull();
    expect(screen.queryByText('Your pool quota')).toBeNull();
  });

  it('lets a rep claim from the pool', async () => {
    renderAs(['sales-rep'], 'pool');
    expect(await screen.findByRole('button', { name: 'Claim Apex Medical Inc.' })).toBeTruthy();
  });
});
