import { followUpDueCondition } from '../src/application/account-search';
import { defaultFollowUpCadence } from '../src/domain/follow-up-cadence';
import { FollowUpDue1765100000000 } from '../src/db/migrations/1765100000000-follow-up-due';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const DAY_MS = 24 * 60 * 60 * 1000;
const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const LOG = `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`;

interface Listed {
  accounts: {
    edges: { node: { name: string; followUpDueAt: string | null } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describe('follow-up cadence: accounts past their follow-up, by grade (A 7, B 14, C 30 days)', () => {
  let h: CustomerHarness;
  let repId: string;
  const ids = new Map<string, string>();
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);

  async function account(name: string, grade: string | null, ownedDaysAgo: number): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
      input: { account: { name, grade, ownerId: repId, teamId: 'sales-east' }, duplicatePolicy: 'OVERRIDE' },
    });
    expect(res.errors).toBeUndefined();
    const id = res.data!.createAccount.account.id;
    // Backdated so the cadence has run; the service itself only ever sets these to now.
    await h.app.dataSource.query(`UPDATE accounts SET created_at = $2, owner_since = $2 WHERE id = $1`, [
      id,
      daysAgo(ownedDaysAgo),
    ]);
    ids.set(name, id);
    return id;
  }

  async function log(accountId: string, occurredAt: Date, nextFollowUpAt: Date | null): Promise<void> {
    const res = await h.graphql(
      LOG,
      { input: { accountId, kind: 'CALL', subject: 'Check-in', occurredAt, nextFollowUpAt } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
  }

  async function list(filter: Record<string, unknown>, first = 50, after: string | null = null): Promise<Listed> {
    const res = await h.graphql<Listed>(
      `query($filter: AccountFilter, $first: Int, $after: String) {
        accounts(search: "Cadence Co", filter: $filter, sort: { field: FOLLOW_UP_DUE }, first: $first, after: $after) {
          edges { node { name followUpDueAt } } pageInfo { endCursor hasNextPage } } }`,
      { filter, first, after },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  beforeAll(async () => {
    h = await startCustomerHarness('customer_follow_up_due');
    repId = await h.userId('rep.east1');
    await account('Cadence Co A overdue', 'A', 9);
    await account('Cadence Co B recent', 'B', 8);
    await account('Cadence Co C overdue', 'C', 35);
    await account('Cadence Co ungraded', null, 100);
    const promised = await account('Cadence Co A promised', 'A', 40);
    await log(promised, daysAgo(1), new Date(now + 3 * DAY_MS));
    const late = await account('Cadence Co B late', 'B', 2);
    await log(late, daysAgo(2), daysAgo(1));
    const cleared = await account('Cadence Co C cleared', 'C', 60);
    await log(cleared, daysAgo(50), new Date(now + 10 * DAY_MS));
    await log(cleared, daysAgo(40), null);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lists the accounts due, most overdue first, and shows when each is due', async () => {
    const due = await list({ followUpDue: true });
    expect(due.accounts.edges.map((e) => e.node.name)).toEqual([
      'Cadence Co C cleared', // 40 days since the last call (no date promised) + 30: 10 days overdue
      'Cadence Co C overdue', // 35 days + 30: 5 days overdue
      'Cadence Co A overdue', // 9 days + 7: 2 days overdue
      'Cadence Co B late', // promised yesterday
    ]);
    const dueAt = Object.fromEntries(due.accounts.edges.map((e) => [e.node.name, e.node.followUpDueAt]));
    expect(dueAt['Cadence Co A overdue']).toBe(new Date(daysAgo(9).getTime() + 7 * DAY_MS).toISOString());
    expect(dueAt['Cadence Co B late']).toBe(daysAgo(1).toISOString());
  });

  it('keeps the explicit date of the latest activity, the cadence for the others, and never dues an ungraded one', async () => {
    const notDue = await list({ followUpDue: false });
    expect(notDue.accounts.edges.map((e) => e.node)).toEqual([
      { name: 'Cadence Co A promised', followUpDueAt: new Date(now + 3 * DAY_MS).toISOString() },
      { name: 'Cadence Co B recent', followUpDueAt: new Date(daysAgo(8).getTime() + 14 * DAY_MS).toISOString() },
      { name: 'Cadence Co ungraded', followUpDueAt: null },
    ]);
  });

  it('combines with the other filters and pages with a cursor in the same order', async () => {
    const graded = await list({ followUpDue: true, grades: ['C'] });
    expect(graded.accounts.edges.map((e) => e.node.name)).toEqual(['Cadence Co C cleared', 'Cadence Co C overdue']);

    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Listed = await list({ followUpDue: true }, 1, after);
      names.push(...page.accounts.edges.map((e) => e.node.name));
      if (!page.accounts.pageInfo.hasNextPage) break;
      after = page.accounts.pageInfo.endCursor;
    }
    expect(names).toEqual([
      'Cadence Co C cleared',
      'Cadence Co C overdue',
      'Cadence Co A overdue',
      'Cadence Co B late',
    ]);
  });

  it('refuses an owner filter that is not a user id, naming the field, instead of failing the query', async () => {
    const res = await h.graphql(
      `query($filter: AccountFilter) { accounts(filter: $filter) { totalCount } }`,
      { filter: { ownerIds: [repId, 'not-an-id'] } },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: ['filter', 'ownerIds', 1], rule: 'uuid' }],
    });
  });

  it('finds due accounts through the follow-up indexes, not by reading every account', async () => {
    const params: unknown[] = [];
    const condition = followUpDueCondition(defaultFollowUpCadence, new Date(now), (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const runner = h.app.dataSource.createQueryRunner();
    await runner.startTransaction();
    let plan: string;
    try {
      // 5,000 accounts followed up today, rolled back afterwards: a realistic table where few are due.
      await runner.query(
        `INSERT INTO accounts
         SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid(), 'name', 'Bulk ' || n,
                  'name_key', 'bulk ' || n, 'tax_id', NULL, 'tax_id_key', NULL, 'email_keys', '{}'::text[],
                  'phone_keys', '{}'::text[], 'owner_since', now(), 'created_at', now(),
                  'next_follow_up_at', NULL))).*
           FROM accounts a, generate_series(1, 5000) n WHERE a.id = $1`,
        [ids.get('Cadence Co B recent')],
      );
      await runner.query('ANALYZE accounts');
      const rows: { 'QUERY PLAN': string }[] = await runner.query(
        `EXPLAIN SELECT a.id FROM accounts a WHERE a.deleted_at IS NULL AND ${condition}`,
        params,
      );
      plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(plan).toContain('accounts_follow_up_explicit_idx');
    expect(plan).toContain('accounts_follow_up_by_grade_idx');
  });

  it("fills each existing account's next follow-up from its latest activity when the migration runs", async () => {
    const runner = h.app.dataSource.createQueryRunner();
    try {
      const migration = new FollowUpDue1765100000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows: { name: string; next_follow_up_at: Date | null }[] = await h.app.dataSource.query(
      `SELECT name, next_follow_up_at FROM accounts WHERE name IN ('Cadence Co A promised', 'Cadence Co C cleared')
        ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'Cadence Co A promised', next_follow_up_at: new Date(now + 3 * DAY_MS) },
      { name: 'Cadence Co C cleared', next_follow_up_at: null },
    ]);
  });
});
