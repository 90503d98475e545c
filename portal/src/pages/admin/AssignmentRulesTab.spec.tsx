/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient } from '../../test-support/sales-page-harness';
import { AssignmentRulesTab } from './AssignmentRulesTab';

const match = { regions: [], industries: [], sources: [] };
const ticketMatch = { categories: [], skills: [], complaint: null, priority: null };

describe('AssignmentRulesTab', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('names each rule’s team, and a team the realm no longer has by its id with the hint', async () => {
    const { client, sent } = fakeClient({
      AdminLeadAssignmentRules: (operation) => ({
        data: {
          leadAssignmentRules: {
            edges: [
              {
                node: (operation.variables as { after?: string | null }).after
                  ? { id: 'l2', priority: 2, strategy: 'TERRITORY', teamId: 'sales-east', members: [], match }
                  : { id: 'l1', priority: 1, strategy: 'ROUND_ROBIN', teamId: 'sales-east', members: ['u1'], match },
              },
            ],
            pageInfo: { endCursor: 'c1', hasNextPage: !(operation.variables as { after?: string | null }).after },
            totalCount: 51,
            totalCountIsEstimate: false,
          },
        },
      }),
      AdminAssignmentRules: () => ({
        data: {
          teams: [
            { id: 'sales-east', name: 'East China sales' },
            { id: 'service', name: 'Customer service team' },
          ],
          ticketAssignmentRules: [
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
          ],
        },
      }),
    });
    render(
      <Provider value={client}>
        <AssignmentRulesTab />
      </Provider>,
    );
    expect(await screen.findByText('East China sales')).toBeTruthy();
    expect(screen.getByText('Customer service team')).toBeTruthy();
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
});
