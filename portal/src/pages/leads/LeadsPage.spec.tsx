/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { LeadsPage } from './LeadsPage';

const lead = (id: string, companyName: string, status: string) => ({
  id,
  companyName,
  personName: 'Li Wei',
  title: null,
  email: null,
  phone: null,
  region: 'east',
  source: 'WEB_FORM',
  status,
  ownerId: 'user-1',
  owner: { id: 'user-1', displayName: 'Emma Eastwood' },
  teamId: 'east',
  convertedAccountId: null,
  convertedOpportunityId: null,
  createdAt: '2026-11-30T02:00:00Z',
  version: 1,
});

function renderAs(roles: string[]): void {
  renderSignedIn(roles, <LeadsPage />, {
    LeadsList: () => ({
      data: {
        leads: {
          totalCount: 2,
          totalCountIsEstimate: false,
          edges: [
            { cursor: 'c1', node: lead('l1', 'Qingdao Ports', 'NEW') },
            { cursor: 'c2', node: lead('l2', 'Suzhou Optics', 'QUALIFIED') },
          ],
          pageInfo: { endCursor: 'c2', hasNextPage: false },
        },
      },
    }),
  });
}

describe('the leads page offers only the actions the sales service allows the role', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows an auditor the leads without capture, convert or the actions menu', async () => {
    renderAs(['auditor']);
    expect(await screen.findByText('Qingdao Ports')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New lead' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Convert' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).toBeNull();
  });

  it('lets a rep capture, convert and act on a lead', async () => {
    renderAs(['sales-rep']);
    expect(await screen.findByText('Qingdao Ports')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New lead' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Convert' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Actions for Qingdao Ports' })).toBeTruthy();
  });
});
