import { initialQueueFilters, toTicketFilter } from './TicketQueueFilters';

describe('the queue filter sent to the API', () => {
  it('asks for open tickets by default', () => {
    expect(toTicketFilter(initialQueueFilters, 'u1')).toEqual({ openOnly: true });
  });

  it('turns "assigned to me" into the caller’s id and combines every chosen control', () => {
    expect(
      toTicketFilter(
        {
          ...initialQueueFilters,
          scope: 'mine',
          teamId: 'service',
          status: 'WAITING_ON_CUSTOMER',
          priority: 'URGENT',
          complaintsOnly: true,
          slaStates: ['AT_RISK', 'BREACHED'],
          search: ' TK-2026 ',
        },
        'u1',
      ),
    ).toEqual({
      agentId: 'u1',
      teamId: 'service',
      statuses: ['WAITING_ON_CUSTOMER'],
      priority: 'URGENT',
      complaint: true,
      slaStates: ['AT_RISK', 'BREACHED'],
      search: 'TK-2026',
    });
  });

  it('asks for unassigned tickets of any status', () => {
    expect(toTicketFilter({ ...initialQueueFilters, scope: 'unassigned', status: 'any' }, 'u1')).toEqual({
      unassigned: true,
    });
  });
});
