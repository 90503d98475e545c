/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { TicketStatusActions, type ActionableTicket } from './TicketStatusActions';

const ticket = (status: ActionableTicket['status'], agentId: string | null): ActionableTicket => ({
  id: 't-1',
  number: 'T-0001',
  status,
  teamId: 'support-east',
  agentId,
  reopenableUntil: null,
});

function renderAs(roles: string[], value: ActionableTicket): void {
  renderSignedIn(roles, <TicketStatusActions ticket={value} />);
}

describe("a ticket's moves follow the ticket service's operation rules", () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['sales-rep'], ['finance']])('offer %s no claim, move or assign', (role) => {
    renderAs([role], ticket('NEW', null));
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('let an agent claim a new ticket and move an assigned one, and a service manager assign', () => {
    renderAs(['service-agent'], ticket('NEW', null));
    expect(screen.getByRole('button', { name: 'Claim' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Assign' })).toBeNull();
    renderAs(['service-manager'], ticket('ASSIGNED', 'agent-1'));
    expect(screen.getByRole('button', { name: 'Start work' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Assign' })).toBeTruthy();
  });
});
