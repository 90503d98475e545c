/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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
    const { client, sent } = fakeClient({
      // The realm's teams come page after page (two here): every one is needed to name the rules' teams.
      AllTeams: pagedAnswer('teams', [
        [{ id: 'sales-east', name: 'East China sales' }],
        [{ id: 'service', name: 'Customer service team' }],
      ]),
      AdminLeadAssignmentRules: (operation) => {
        const after = (operation.variables as { after?: string | null }).after;
        return {
          data: {
            leadAssignmentRules: {
              edges: [
                {
                  node: after
                    ? { id: 'l2', priority: 2, strategy: 'TERRITORY', teamId: 'sales-east', members: [], match }
                    : { id: 'l1', priority: 1, strategy: 'ROUND_ROBIN', teamId: 'sales-east', members: ['u1'], match },
                },
              ],
              pageInfo: { endCursor: 'c1', hasNextPage: !after },
              totalCount: 51,
              totalCountIsEstimate: false,
            },
          },
        };
      },
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
    // Lead rules come a page at a time with their total; the pager reads the next page from the last cursor.
    const leadRules = within(document.querySelector<HTMLElement>('section[aria-labelledby="admin-lead-rules"]')!);
    expect(leadRules.getByText('Round robin')).toBeTruthy();
    expect(leadRules.getByText('51 in total')).toBeTruthy();
    fireEvent.click(leadRules.getByTitle('Next Page'));
    expect(await leadRules.findByText('Territory')).toBeTruthy();
    const leadReads = sent.filter((o) =>
      o.query.definitions.some((d) => 'name' in d && d.name?.value === 'AdminLeadAssignmentRules'),
    );
    expect(leadReads.map((o) => o.variables)).toEqual([
      { first: 50, after: null },
      { first: 50, after: 'c1' },
    ]);
  });

  it('pages the ticket rules: shows their total and asks the next page after the last rule shown', async () => {
    const { client, sent } = fakeClient({
      AllTeams: pagedAnswer('teams', [[]]),
      AdminLeadAssignmentRules: () => ({
        data: {
          leadAssignmentRules: {
            edges: [],
            pageInfo: { endCursor: null, hasNextPage: false },
            totalCount: 0,
            totalCountIsEstimate: false,
          },
        },
      }),
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
    const ticketSection = within(document.querySelector<HTMLElement>('section[aria-labelledby="admin-ticket-rules"]')!);
    fireEvent.click(ticketSection.getByTitle('Next Page'));
    await waitFor(() => expect(pagesAsked().at(-1)).toEqual({ first: 50, after: 'c-t2' }));
  });
});
