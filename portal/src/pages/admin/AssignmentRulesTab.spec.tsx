/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Provider } from 'urql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, pagedAnswer } from '../../test-support/sales-page-harness';
import { AssignmentRulesTab } from './AssignmentRulesTab';

const match = { regions: [], industries: [], sources: [] };
const ticketMatch = { categories: [], skills: [], complaint: null, priority: null };

/** A page of the ticket rules as the API returns it (two rules of `totalCount`). */
function ticketRules(page: { hasNextPage: boolean; totalCount?: number }) {
  const rules = [
    {
      id: 't1',
      name: 'Complaints',
      position: 1,
      teamId: 'service',
      strategy: 'LEAST_LOADED',
      active: true,
      members: [],
      match: ticketMatch,
    },
    {
      id: 't2',
      name: 'Old queue',
      position: 2,
      teamId: 'service-disbanded',
      strategy: 'ROUND_ROBIN',
      active: false,
      members: [],
      match: ticketMatch,
    },
  ];
  return {
    edges: rules.map((node) => ({ node, cursor: `c-${node.id}` })),
    pageInfo: { endCursor: 'c-t2', hasNextPage: page.hasNextPage },
    totalCount: page.totalCount ?? rules.length,
    totalCountIsEstimate: false,
  };
}

describe('AssignmentRulesTab', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('names each rule’s team, and a team the realm no longer has by its id with the hint', async () => {
    const { client } = fakeClient({
      // The realm's teams come page after page (two here): every one is needed to name the rules' teams.
      AllTeams: pagedAnswer('teams', [
        [{ id: 'sales-east', name: 'East China sales' }],
        [{ id: 'service', name: 'Customer service team' }],
      ]),
      AdminAssignmentRules: () => ({
        data: {
          leadAssignmentRules: [
            { id: 'l1', priority: 1, strategy: 'ROUND_ROBIN', teamId: 'sales-east', members: ['u1'], match },
          ],
        },
      }),
      AdminTicketAssignmentRules: () => ({ data: { ticketAssignmentRules: ticketRules({ hasNextPage: false }) } }),
    });
    render(
      <Provider value={client}>
        <AssignmentRulesTab />
      </Provider>,
    );
    expect(await screen.findByText('East China sales')).toBeTruthy();
    expect(await screen.findByText('Customer service team')).toBeTruthy();
    expect(screen.getByText('service-disbanded (removed team)')).toBeTruthy();
    expect(screen.queryByText('sales-east')).toBeNull();
  });

  it('pages the ticket rules: shows their total and asks the next page after the last rule shown', async () => {
    const { client, sent } = fakeClient({
      AdminAssignmentRules: () => ({ data: { teams: [], leadAssignmentRules: [] } }),
      AdminTicketAssignmentRules: () => ({
        data: { ticketAssignmentRules: ticketRules({ hasNextPage: true, totalCount: 52 }) },
      }),
    });
    render(
      <Provider value={client}>
        <AssignmentRulesTab />
      </Provider>,
    );
    expect(await screen.findByText('52 in total')).toBeTruthy();
    const pagesAsked = () =>
      sent
        .filter((op) => op.query.definitions.some((d) => 'name' in d && d.name?.value === 'AdminTicketAssignmentRules'))
        .map((op) => op.variables as { first: number; after: string | null });
    expect(pagesAsked()[0]).toEqual({ first: 50, after: null });
    fireEvent.click(screen.getByTitle('Next Page'));
    await waitFor(() => expect(pagesAsked().at(-1)).toEqual({ first: 50, after: 'c-t2' }));
  });
});
