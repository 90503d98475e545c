import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const CONTACT = `mutation($i: ContactInput!) { createContact(input: $i) { id } }`;
const ACTIVITY = `mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`;
const SHARE = `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`;
// A small bound stands in for the default 10,000, so both sides of it are reached with a handful of rows.
const EXACT_UP_TO = 3;
const COUNTED = 'totalCount totalCountIsEstimate';
const PAGE_WITH_COUNTS = `{
  accounts(search: "Nested Count Co", first: 20, sort: { field: NAME }) {
    edges { node {
      name
      contacts(first: 1) { ${COUNTED} edges { node { name } } }
      activities(first: 1) { ${COUNTED} }
      grants(first: 1) { ${COUNTED} }
    } }
  }
}`;

interface TotalCount {
  totalCount: number;
  totalCountIsEstimate: boolean;
}
interface AccountCounts {
  name: string;
  contacts: TotalCount & { edges: unknown[] };
  activities: TotalCount;
  grants: TotalCount;
}

/** The count statements (`count(*)`) on each child table, over everything the service runs meanwhile. */
async function countStatements(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
  try {
    await run();
    const counts: Record<string, number> = {};
    for (const table of ['contacts', 'activities', 'account_grants']) {
      counts[table] = spy.mock.calls.filter(
        ([sql]) => /count\(\*\)/i.test(sql) && new RegExp(`\\b${table}\\b`).test(sql),
      ).length;
    }
    return counts;
  } finally {
    spy.mockRestore();
  }
}

describe('nested connections (Account.contacts, activities, grants) offer totalCount, counted in batches', () => {
  let h: CustomerHarness;
  const accounts: string[] = [];

  async function graphql<T>(query: string, variables: Record<string, unknown>, as = 'rep.east1'): Promise<T> {
    const res = await h.graphql<T>(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  beforeAll(async () => {
    h = await startCustomerHarness('customer_nested_total_count', { exactCountUpTo: EXACT_UP_TO });
    // Co 0: 2 live contacts (a third deleted), 1 activity, 2 grants. Co 1: 5 contacts. Co 2: 3 activities.
    const plan = [
      { contacts: 3, activities: 1 },
      { contacts: 5, activities: 0 },
      { contacts: 0, activities: 3 },
    ];
    for (const [i, { contacts, activities }] of plan.entries()) {
      const created = await graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
        input: { account: { name: `Nested Count Co ${i}` }, duplicatePolicy: 'OVERRIDE' },
      });
      const accountId = created.createAccount.account.id;
      accounts.push(accountId);
      for (let c = 0; c < contacts; c++) {
        await graphql(CONTACT, { i: { accountId, name: `Person ${i}.${c}` } });
      }
      for (let a = 0; a < activities; a++) {
        await graphql(ACTIVITY, {
          i: { accountId, kind: 'CALL', subject: `call ${i}.${a}`, occurredAt: `2026-11-0${a + 1}T02:00:00Z` },
        });
      }
    }
    const doomed = await graphql<{ account: { contacts: { edges: { node: { id: string } }[] } } }>(
      `
        query ($id: ID!) {
          account(id: $id) {
            contacts(first: 1) {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `,
      { id: accounts[0] },
    );
    await graphql(
      `
        mutation ($id: ID!) {
          deleteContact(id: $id) {
            id
          }
        }
      `,
      {
        id: doomed.account.contacts.edges[0].node.id,
      },
    );
    for (const grantee of ['rep.south1', 'rep.south2']) {
      await graphql(SHARE, { input: { accountId: accounts[0], granteeId: await h.userId(grantee), access: 'READ' } });
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function page(): Promise<AccountCounts[]> {
    const data = await graphql<{ accounts: { edges: { node: AccountCounts }[] } }>(PAGE_WITH_COUNTS, {});
    return data.accounts.edges.map((e) => e.node);
  }

  it('gives each account on a page the total of its own children, not of the page, exact up to the bound', async () => {
    const [co0, co1, co2] = await page();
    expect(co0.contacts).toMatchObject({ totalCount: 2, totalCountIsEstimate: false }); // the deleted one left out
    expect(co0.contacts.edges).toHaveLength(1);
    expect(co0.activities).toEqual({ totalCount: 1, totalCountIsEstimate: false });
    expect(co0.grants).toEqual({ totalCount: 2, totalCountIsEstimate: false });
    expect(co1.activities).toEqual({ totalCount: 0, totalCountIsEstimate: false });
    expect(co1.grants).toEqual({ totalCount: 0, totalCountIsEstimate: false });
    expect(co2.contacts).toMatchObject({ totalCount: 0, totalCountIsEstimate: false });
    expect(co2.activities).toEqual({ totalCount: 3, totalCountIsEstimate: false });
  });

  it('marks a total beyond the bound as an estimate, never below the bound plus one', async () => {
    const [, co1] = await page();
    expect(co1.contacts.totalCountIsEstimate).toBe(true);
    expect(co1.contacts.totalCount).toBeGreaterThan(EXACT_UP_TO);
  });

  it('counts only the grants the caller may list, on Account.grants and on accountGrants', async () => {
    const asGrantee = await graphql<{ account: { grants: TotalCount } }>(
      `query($id: ID!) { account(id: $id) { grants { ${COUNTED} } } }`,
      { id: accounts[0] },
      'rep.south1',
    );
    expect(asGrantee.account.grants).toEqual({ totalCount: 1, totalCountIsEstimate: false }); // only their own
    const query = `query($id: ID!) { accountGrants(accountId: $id, first: 1) { ${COUNTED} edges { cursor } } }`;
    const owner = await graphql<{ accountGrants: TotalCount & { edges: unknown[] } }>(query, { id: accounts[0] });
    expect(owner.accountGrants).toMatchObject({ totalCount: 2, totalCountIsEstimate: false });
    expect(owner.accountGrants.edges).toHaveLength(1);
    const grantee = await graphql<{ accountGrants: TotalCount }>(query, { id: accounts[0] }, 'rep.south1');
    expect(grantee.accountGrants).toMatchObject({ totalCount: 1, totalCountIsEstimate: false });
  });

  it('runs one count statement per child list for a whole page of accounts, and none when no total is asked', async () => {
    expect(await countStatements(page)).toEqual({ contacts: 1, activities: 1, account_grants: 1 });
    const withoutTotals = await countStatements(() =>
      graphql(
        `
          {
            accounts(search: "Nested Count Co") {
              edges {
                node {
                  contacts {
                    edges {
                      node {
                        name
                      }
                    }
                  }
                  activities {
                    edges {
                      node {
                        subject
                      }
                    }
                  }
                  grants {
                    edges {
                      cursor
                    }
                  }
                }
              }
            }
          }
        `,
        {},
      ),
    );
    expect(withoutTotals).toEqual({ contacts: 0, activities: 0, account_grants: 0 });
  });
});
