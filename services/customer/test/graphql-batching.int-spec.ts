import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const CONTACT = `mutation($i: ContactInput!) { createContact(input: $i) { id } }`;
const ACTIVITY = `mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`;
const SHARE = `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`;
const PAGE_WITH_CHILDREN = `query($first: Int!) {
  accounts(search: "Batch Co", first: $first, sort: { field: NAME }) {
    edges { node {
      name
      contacts(first: 2) { edges { cursor node { name } } pageInfo { hasNextPage } }
      activities(first: 1) { edges { node { subject } } pageInfo { hasNextPage } }
      grants(first: 5) { edges { node { granteeId access } } }
    } }
  }
}`;
const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Contact { id name } ... on Activity { id subject } ... on Account { id name } }
}`;

interface Child {
  edges: { cursor: string; node: { name?: string; subject?: string } }[];
  pageInfo: { hasNextPage: boolean };
}
interface AccountWithChildren {
  name: string;
  contacts: Child;
  activities: Child;
  grants: { edges: { node: { granteeId: string; access: string } }[] };
}

/** Counts the SQL statements each table's name appears in, over everything the service runs meanwhile. */
async function statementsPerTable<T>(run: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
  try {
    const result = await run();
    const counts: Record<string, number> = {};
    for (const table of ['contacts', 'activities', 'account_grants']) {
      counts[table] = spy.mock.calls.filter(([sql]) => new RegExp(`\\b${table}\\b`).test(sql)).length;
    }
    return { result, counts };
  } finally {
    spy.mockRestore();
  }
}

describe('GraphQL lists resolve their nested fields in batches', () => {
  let h: CustomerHarness;
  const accounts: string[] = [];
  const contactIds: string[] = [];
  const activityIds: string[] = [];
  let southRep: string;

  beforeAll(async () => {
    h = await startCustomerHarness('graphql_batching');
    southRep = await h.userId('rep.south1');
    for (let i = 0; i < 8; i++) {
      const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
        CREATE,
        { input: { account: { name: `Batch Co ${i}` }, duplicatePolicy: 'OVERRIDE' } },
        'rep.east1',
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createAccount.account.id;
      accounts.push(id);
      // Created out of order: the page must sort them by name.
      for (const name of [`Zhou ${i}`, `Adams ${i}`, `Meyer ${i}`]) {
        const c = await h.graphql<{ createContact: { id: string } }>(
          CONTACT,
          { i: { accountId: id, name } },
          'rep.east1',
        );
        expect(c.errors).toBeUndefined();
        contactIds.push(c.data!.createContact.id);
      }
      for (const [day, subject] of [
        ['2026-11-02', `older call ${i}`],
        ['2026-11-20', `latest visit ${i}`],
      ]) {
        const a = await h.graphql<{ logActivity: { id: string } }>(
          ACTIVITY,
          { i: { accountId: id, kind: 'CALL', subject, occurredAt: `${day}T02:00:00Z` } },
          'rep.east1',
        );
        expect(a.errors).toBeUndefined();
        activityIds.push(a.data!.logActivity.id);
      }
    }
    const shared = await h.graphql(
      SHARE,
      { input: { accountId: accounts[0], granteeId: southRep, access: 'READ' } },
      'rep.east1',
    );
    expect(shared.errors).toBeUndefined();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function page(first: number) {
    const res = await h.graphql<{ accounts: { edges: { node: AccountWithChildren }[] } }>(
      PAGE_WITH_CHILDREN,
      { first },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.accounts.edges.map((e) => e.node);
  }

  it('gives every account on the page its own contacts, newest activity and grants', async () => {
    const nodes = await page(8);
    expect(nodes.map((n) => n.name)).toEqual(Array.from({ length: 8 }, (_, i) => `Batch Co ${i}`));
    nodes.forEach((node, i) => {
      expect(node.contacts.edges.map((e) => e.node.name)).toEqual([`Adams ${i}`, `Meyer ${i}`]);
      expect(node.contacts.pageInfo.hasNextPage).toBe(true);
      expect(node.activities.edges.map((e) => e.node.subject)).toEqual([`latest visit ${i}`]);
      expect(node.activities.pageInfo.hasNextPage).toBe(true);
      expect(node.grants.edges.map((e) => e.node)).toEqual(i === 0 ? [{ granteeId: southRep, access: 'READ' }] : []);
    });
  });

  it('costs the same number of queries for a page of 8 accounts as for a page of 2', async () => {
    const small = await statementsPerTable(() => page(2));
    const large = await statementsPerTable(() => page(8));
    expect(large.result).toHaveLength(8);
    expect(large.counts).toEqual(small.counts);
    // Contacts: their ids in one LATERAL query, then the rows; activities the same; grants one query.
    expect(large.counts.contacts).toBeLessThanOrEqual(2);
    expect(large.counts.activities).toBeLessThanOrEqual(2);
    expect(large.counts.account_grants).toBeLessThanOrEqual(3); // the list's visibility filter, access, and the grants
  });

  it('resumes a nested connection from its cursor', async () => {
    const [first] = await page(1);
    const after = first.contacts.edges[1].cursor;
    const res = await h.graphql<{ account: { contacts: Child } }>(
      `query($id: ID!, $after: String) { account(id: $id) { contacts(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage } } } }`,
      { id: accounts[0], after },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.account.contacts.edges.map((e) => e.node.name)).toEqual(['Zhou 0']);
    expect(res.data!.account.contacts.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves entity references in batches, as null where the caller may not read the account', async () => {
    // rep.south1 may read account 0 (shared with them), not account 1.
    const representations = [
      { __typename: 'Contact', id: contactIds[0] },
      { __typename: 'Contact', id: contactIds[3] },
      { __typename: 'Activity', id: activityIds[0] },
      { __typename: 'Activity', id: activityIds[2] },
      { __typename: 'Account', id: accounts[0] },
      { __typename: 'Account', id: accounts[1] },
      { __typename: 'Contact', id: 'not-a-uuid' },
    ];
    const { result, counts } = await statementsPerTable(() =>
      h.graphql<{ _entities: (Record<string, string> | null)[] }>(ENTITIES, { r: representations }, 'rep.south1'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: contactIds[0], name: 'Zhou 0' },
      null,
      { id: activityIds[0], subject: 'older call 0' },
      null,
      { id: accounts[0], name: 'Batch Co 0' },
      null,
      null,
    ]);
    expect(counts.contacts).toBe(1);
    expect(counts.activities).toBe(1);
  });
});
