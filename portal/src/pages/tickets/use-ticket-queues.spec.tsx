/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, pagedAnswer, signedInAs } from '../../test-support/sales-page-harness';
import { useTicketQueues } from './use-ticket-queues';

function Options(): React.ReactNode {
  return (
    <ul>
      {useTicketQueues().map((q) => (
        <li key={q.value}>{`${q.value}=${q.label}`}</li>
      ))}
    </ul>
  );
}

/** The options the hook gives this caller over this fake API, one list item each. */
function renderOptions(portal: PortalContextValue, client: Client, read = true): string[] {
  render(
    <PortalContext.Provider value={portal}>
      <Provider value={client}>
        <Options />
      </Provider>
    </PortalContext.Provider>,
  );
  return read ? screen.getAllByRole('listitem').map((li) => li.textContent ?? '') : [];
}

/** A service agent whose token carries the team attribute ids (team_ids) besides the group names. */
const agent = {
  ...signedInAs(['service-agent'], 'agent-1'),
  user: {
    id: 'agent-1',
    username: 'agent1',
    displayName: 'Alex Agent',
    roles: ['service-agent'],
    teamIds: ['a1c3e5f7-1111-4a2b-8c3d-000000000003'],
    teams: ['service', 'service-west'],
  },
};

describe('useTicketQueues', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('offers the caller’s teams by name, keyed by the team name tickets carry, a removed team by its id', () => {
    const { client } = fakeClient({
      TicketsMyQueues: () => ({
        data: {
          me: {
            id: 'agent-1',
            teamIds: ['service', 'service-west'],
            teams: [{ id: 'service', name: 'Customer service team' }],
          },
        },
      }),
    });
    expect(renderOptions(agent, client)).toEqual([
      'service=Customer service team',
      'service-west=service-west (removed team)',
    ]);
  });

  it('offers crm-admin every team of the realm, every page of it', async () => {
    const { client, sent } = fakeClient({
      AllTeams: pagedAnswer('teams', [
        [{ id: 'sales-east', name: 'Sales team East' }],
        [{ id: 'service', name: 'Customer service team' }],
      ]),
    });
    renderOptions(signedInAs(['crm-admin']), client, false);
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
        'sales-east=Sales team East',
        'service=Customer service team',
      ]),
    );
    expect(sent.map((op) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')))).toEqual([
      ['AllTeams'],
      ['AllTeams'],
    ]);
    expect(sent.map((op) => op.variables)).toEqual([
      { first: 100, after: null },
      { first: 100, after: 'p1' },
    ]);
  });
});
