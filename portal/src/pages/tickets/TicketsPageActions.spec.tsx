/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { TicketsPage } from './TicketsPage';

const clock = { deadline: '2026-12-01T08:00:00Z', warningAt: '2026-12-01T07:00:00Z', paused: false };
const ticket = {
  id: 't-1',
  number: 'T-0001',
  subject: 'Printer offline',
  priority: 'HIGH',
  complaint: false,
  status: 'NEW',
  teamId: 'support-east',
  agentId: null,
  agent: null,
  createdAt: '2026-12-01T02:00:00Z',
  accountId: 'acc-1',
  account: { id: 'acc-1', name: 'Apex Medical Inc.' },
  sla: {
    nextDeadline: clock.deadline,
    state: 'ON_TRACK',
    firstResponse: clock,
    nextResponse: null,
    resolution: clock,
  },
};

function renderAs(roles: string[]): void {
  renderSignedIn(roles, <TicketsPage />, {
    TicketsQueue: () => ({
      data: {
        tickets: {
          totalCount: 1,
          totalCountIsEstimate: false,
          pageInfo: { endCursor: null, hasNextPage: false },
          edges: [{ node: ticket }],
        },
      },
    }),
  });
}

describe('the ticket queue offers only the actions the ticket service allows the role', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['sales-rep']])('shows %s the queue without new ticket, claim or assign', async (role) => {
    renderAs([role]);
    expect(await screen.findByText('Printer offline')).toBeTruthy();
    for (const action of ['New ticket', 'Claim', 'Assign'])
      expect(screen.queryByRole('button', { name: action })).toBeNull();
  });

  it('lets a service manager open, claim and assign tickets', async () => {
    renderAs(['service-manager']);
    expect(await screen.findByText('Printer offline')).toBeTruthy();
    for (const action of ['New ticket', 'Claim', 'Assign'])
      expect(screen.getByRole('button', { name: action })).toBeTruthy();
  });
});
