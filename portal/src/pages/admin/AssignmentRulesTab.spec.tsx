/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, pagedAnswer } from '../../test-support/sales-page-harness';
import { AssignmentRulesTab } from './AssignmentRulesTab';

const match = { regions: [], industries: [], sources: [] };
const ticketMatch = { categories: [], skills: [], complaint: null, priority: null };

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
    expect(await screen.findByText('Customer service team')).toBeTruthy();
    expect(screen.getByText('service-disbanded (removed team)')).toBeTruthy();
    expect(screen.queryByText('sales-east')).toBeNull();
  });
});
