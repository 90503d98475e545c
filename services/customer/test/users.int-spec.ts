import { randomUUID } from 'node:crypto';
import { KeycloakUserDirectory } from '@crm/platform/auth';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const USER_FIELDS = 'id username displayName roles teamIds active email';

interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teamIds: string[];
  active: boolean;
  email: string | null;
}

describe('User: Keycloak users and teams as the portal shows them, cached and batched', () => {
  let h: CustomerHarness;
  let repId: string;
  let managerId: string;
  const ownedBy = new Map<string, string>();

  beforeAll(async () => {
    h = await startCustomerHarness('customer_users');
    repId = await h.userId('rep.east1');
    managerId = await h.userId('manager.east');
    const ghost = randomUUID();
    for (const [name, ownerId] of [
      ['Owner Display Co 1', repId],
      ['Owner Display Co 2', repId],
      ['Owner Display Co 3', managerId],
      ['Owner Display Co 4', ghost],
      ['Owner Display Co 5', null],
    ] as const) {
      const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
        input: { account: { name, ownerId, teamId: 'sales-east' }, duplicatePolicy: 'OVERRIDE' },
      });
      expect(res.errors).toBeUndefined();
      ownedBy.set(name, ownerId ?? '');
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('tells the caller who they are: name, CRM roles and teams, and no email unless crm-admin', async () => {
    const rep = await h.graphql<{ me: UserView }>(`{ me { ${USER_FIELDS} } }`, {}, 'rep.east1');
    expect(rep.errors).toBeUndefined();
    expect(rep.data!.me).toEqual({
      id: repId,
      username: 'rep.east1',
      displayName: 'Emma Eastwood',
      roles: ['sales-rep'],
      teamIds: ['sales-east'],
      active: true,
      email: null,
    });
    expect(rep.extensions?.redactedFields).toContainEqual({ type: 'User', id: repId, field: 'email' });

    const agent = await h.graphql<{ me: { teams: { id: string; name: string }[] } }>(
      `{ me { teams { id name } } }`,
      {},
      'agent1',
    );
    expect(agent.errors).toBeUndefined();
    expect(agent.data!.me.teams).toEqual([{ id: 'service', name: expect.any(String) }]);

    const admin = await h.graphql<{ me: UserView }>(`{ me { username email roles } }`, {}, 'admin1');
    expect(admin.data!.me).toEqual({ username: 'admin1', email: 'admin1@crm.example.com', roles: ['crm-admin'] });
  });

  it('resolves each account owner, an unknown id as an inactive user named by its id, with one directory call a page', async () => {
    const lookups = jest.spyOn(KeycloakUserDirectory.prototype, 'usersByIds'); // calls through, counting
    try {
      const query = `{ accounts(search: "Owner Display Co", sort: { field: NAME }) {
        edges { node { name owner { id displayName active } } } } }`;
      const first = await h.graphql<{
        accounts: {
          edges: { node: { name: string; owner: { id: string; displayName: string; active: boolean } | null } }[];
        };
      }>(query, {}, 'admin1');
      expect(first.errors).toBeUndefined();
      const owners = first.data!.accounts.edges.map((e) => e.node.owner);
      expect(owners[0]).toEqual({ id: repId, displayName: 'Emma Eastwood', active: true });
      expect(owners[1]).toEqual(owners[0]);
      expect(owners[2]).toEqual({ id: managerId, displayName: 'Marcus Eastman', active: true });
      const ghost = ownedBy.get('Owner Display Co 4')!;
      expect(owners[3]).toEqual({ id: ghost, displayName: ghost, active: false });
      expect(owners[4]).toBeNull();
      expect(lookups).toHaveBeenCalledTimes(1);
      // rep.east1 may already be cached by an earlier query; the others are asked for together.
      const asked = lookups.mock.calls[0]![0];
      expect(asked).toEqual(expect.arrayContaining([managerId, ghost]));
      expect([...asked].every((id) => [repId, managerId, ghost].includes(id))).toBe(true);

      // Cached: the same page again asks Keycloak nothing.
      await h.graphql(query, {}, 'admin1');
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
  });

  it('lists users by text, role and team, a page at a time, for managers and crm-admin only', async () => {
    const query = `query($after: String) {
      users(role: "sales-rep", teamId: "sales-east", first: 1, after: $after) {
        edges { cursor node { username displayName } } pageInfo { endCursor hasNextPage } } }`;
    interface UsersPage {
      users: {
        edges: { node: { username: string; displayName: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res: Awaited<ReturnType<typeof h.graphql<UsersPage>>> = await h.graphql<UsersPage>(
        query,
        { after },
        'manager.east',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.users.edges.length).toBeLessThanOrEqual(1);
      seen.push(...res.data!.users.edges.map((e) => e.node.username));
      if (!res.data!.users.pageInfo.hasNextPage) break;
      after = res.data!.users.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(['rep.east1', 'rep.east2']);

    const byText = await h.graphql<UsersPage>(
      `{ users(search: "Eastman") { edges { node { username displayName } } } }`,
    );
    expect(byText.data!.users.edges.map((e) => e.node)).toEqual([
      { username: 'manager.east', displayName: 'Marcus Eastman' },
    ]);

    const refused = await h.graphql(`{ users { edges { node { id } } } }`, {}, 'rep.east1');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the teams with their managers', async () => {
    const res = await h.graphql<{
      teams: {
        edges: { node: { id: string; name: string; managerIds: string[]; managers: { displayName: string }[] } }[];
        totalCount: number;
      };
    }>(
      `{ teams { edges { node { id name managerIds managers { displayName } } } totalCount } }`,
      {},
      'service.manager',
    );
    expect(res.errors).toBeUndefined();
    const teams = res.data!.teams.edges.map((e) => e.node);
    expect(teams.find((t) => t.id === 'sales-east')).toEqual({
      id: 'sales-east',
      name: 'Sales team East',
      managerIds: [managerId],
      managers: [{ displayName: 'Marcus Eastman' }],
    });
    expect(teams.map((t) => t.id).sort()).toEqual(['sales-east', 'sales-south', 'service']);
    expect(res.data!.teams.totalCount).toBe(3);
  });

  it('pages the teams by name with after: each once, in order, with the total; a bad after is refused naming it', async () => {
    interface TeamPage {
      teams: {
        edges: { node: { id: string; name: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        totalCount: number;
      };
    }
    const PAGE = `query($after: String) { teams(first: 1, after: $after) {
      edges { node { id name } } pageInfo { endCursor hasNextPage } totalCount } }`;
    const walked: { id: string; name: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const variables: Record<string, unknown> = { after };
      const res = await h.graphql<TeamPage>(PAGE, variables, 'service.manager');
      expect(res.errors).toBeUndefined();
      const page: TeamPage['teams'] = res.data!.teams;
      expect(page.totalCount).toBe(3);
      expect(page.edges.length).toBeLessThanOrEqual(1);
      walked.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked.map((t) => t.id).sort()).toEqual(['sales-east', 'sales-south', 'service']);
    const names = walked.map((t) => t.name);
    expect(names).toEqual([...names].sort());
    for (const bad of ['nonsense', Buffer.from(JSON.stringify([1, 2])).toString('base64url')]) {
      const refused = await h.graphql(PAGE, { after: bad }, 'service.manager');
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [expect.objectContaining({ field: 'after', rule: 'cursor' })],
      });
    }
  });

  it('resolves User references for other subgraphs, unknown ids included', async () => {
    const ghost = randomUUID();
    const res = await h.graphql<{ _entities: { displayName: string; active: boolean }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { displayName active } } }`,
      {
        reps: [
          { __typename: 'User', id: repId },
          { __typename: 'User', id: ghost },
        ],
      },
      'rep.east2',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { displayName: 'Emma Eastwood', active: true },
      { displayName: ghost, active: false },
    ]);
  });

  it('resolves Team references for other subgraphs (Ticket.queue) from one team list, a removed team as null', async () => {
    const lookups = jest.spyOn(KeycloakUserDirectory.prototype, 'teams'); // calls through, counting
    try {
      const res = await h.graphql<{ _entities: ({ id: string; name: string } | null)[] }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Team { id name } } }`,
        {
          reps: [
            { __typename: 'Team', id: 'sales-east' },
            { __typename: 'Team', id: 'service-disbanded' },
            { __typename: 'Team', id: 'sales-south' },
          ],
        },
        'agent1',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        { id: 'sales-east', name: 'Sales team East' },
        null,
        { id: 'sales-south', name: expect.any(String) },
      ]);
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      lookups.mockRestore();
    }
  });
});
