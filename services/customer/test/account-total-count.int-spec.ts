import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
// A small bound stands in for the default 10,000, so both sides of it are reached with a handful of rows.
const EXACT_UP_TO = 3;

interface Counted {
  totalCount: number;
  totalCountIsEstimate: boolean;
  edges: { node: { name: string } }[];
}

describe('account lists offer totalCount: exact up to a bound, then an estimate', () => {
  let h: CustomerHarness;
  const ids: string[] = [];

  beforeAll(async () => {
    h = await startCustomerHarness('customer_total_count', { exactCountUpTo: EXACT_UP_TO });
    const names = [...[1, 2, 3].map((i) => `Exact Count Co ${i}`), ...[1, 2, 3, 4, 5].map((i) => `Many Count Co ${i}`)];
    for (const name of names) {
      const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
        input: { account: { name }, duplicatePolicy: 'OVERRIDE' },
      });
      expect(res.errors).toBeUndefined();
      ids.push(res.data!.createAccount.account.id);
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function list(search: string, first = 20): Promise<Counted> {
    const res = await h.graphql<{ accounts: Counted }>(
      `query($search: String, $first: Int) {
        accounts(search: $search, first: $first) { totalCount totalCountIsEstimate edges { node { name } } }
      }`,
      { search, first },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.accounts;
  }

  it('counts the whole filtered list exactly, not the page, up to the bound', async () => {
    expect(await list('Exact Count', 1)).toMatchObject({ totalCount: 3, totalCountIsEstimate: false });
    expect((await list('Exact Count', 1)).edges).toHaveLength(1);
    expect(await list('Exact Count Co 2')).toMatchObject({ totalCount: 1, totalCountIsEstimate: false });
    expect(await list('Nobody Count')).toMatchObject({ totalCount: 0, totalCountIsEstimate: false });
  });

  it('marks the total as an estimate beyond the bound, and never gives less than the bound plus one', async () => {
    const many = await list('Many Count');
    expect(many.totalCountIsEstimate).toBe(true);
    expect(many.totalCount).toBeGreaterThan(EXACT_UP_TO);
  });

  it('runs no count for a client that does not ask for it, and one for both count fields', async () => {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
    try {
      await h.graphql(`{ accounts(search: "Exact Count") { edges { node { name } } } }`);
      const counts = () => spy.mock.calls.filter(([sql]) => /count\(\*\)/i.test(sql)).length;
      expect(counts()).toBe(0);
      await h.graphql(`{ accounts(search: "Exact Count") { totalCount totalCountIsEstimate } }`);
      expect(counts()).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts the recycle bin the same way', async () => {
    for (const id of ids.slice(0, 2)) {
      const res = await h.graphql(`mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id });
      expect(res.errors).toBeUndefined();
    }
    const bin = await h.graphql<{ recycleBin: { totalCount: number; totalCountIsEstimate: boolean } }>(
      `{ recycleBin(first: 1) { totalCount totalCountIsEstimate } }`,
    );
    expect(bin.data?.recycleBin).toEqual({ totalCount: 2, totalCountIsEstimate: false });
    expect(await list('Exact Count')).toMatchObject({ totalCount: 1, totalCountIsEstimate: false });
  });
});
