/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { apexMedical } from './account-360-fixture';
import { Account360Page } from './Account360Page';

// The icon package ships ES modules only; the page's icons are decoration.
jest.mock('@ant-design/icons', () => new Proxy({}, { get: () => () => null }));

const account = { ...apexMedical, ownerId: 'user-1', owner: { id: 'user-1', displayName: 'Emma Eastwood' } };

function renderAs(roles: string[]): void {
  renderSignedIn(roles, <Account360Page />, {
    Account360: () => ({ data: { account } }),
  });
}

describe('Account 360 offers only the actions the customer service allows the role', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['finance']])('shows %s the account without log activity or share', async (role) => {
    renderAs([role]);
    expect(await screen.findByRole('heading', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Log activity/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Share/ })).toBeNull();
  });

  it('lets the owning rep log an activity and share', async () => {
    renderAs(['sales-rep']);
    expect(await screen.findByRole('heading', { name: 'Apex Medical Inc.' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Log activity/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Share/ })).toBeTruthy();
  });
});
