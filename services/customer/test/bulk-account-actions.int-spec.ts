import { randomUUID } from 'node:crypto';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const RESULT = 'succeeded failed { id code message }';

interface BulkResult {
  succeeded: string[];
  failed: { id: string; code: string; message: string }[];
}

describe('bulk actions on accounts: assign, tag, return to the pool, each account as its single mutation', () => {
  let h: CustomerHarness;
  let east: string[];
  let south: string;

  async function create(name: string, ownerId: string, teamId: string, tags: string[] = []): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
      input: { account: { name, ownerId, teamId, tags }, duplicatePolicy: 'OVERRIDE' },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createAccount.account.id;
  }
  async function row(id: string): Promise<{ owner_id: string | null; tags: string[]; version: number }> {
    const [r] = await h.app.dataSource.query(`SELECT owner_id, tags, version FROM accounts WHERE id = $1`, [id]);
    return r;
  }
  async function audited(ids: string[]): Promise<string[]> {
    const rows: { entity_id: string; action: string }[] = await h.app.dataSource.query(
      `SELECT entity_id, action FROM audit_log WHERE entity_id = ANY($1) AND action <> 'account.create' ORDER BY seq`,
      [ids],
    );
    return rows.map((r) => `${r.action} ${r.entity_id}`);
  }

  beforeAll(async () => {
    h = await startCustomerHarness('customer_bulk_actions');
    const rep1 = await h.userId('rep.east1');
    east = [
      await create('Bulk East 1', rep1, 'sales-east', ['old', 'keep']),
      await create('Bulk East 2', rep1, 'sales-east', ['OLD']),
    ];
    south = await create('Bulk South', await h.userId('rep.south1'), 'sales-south', ['old']);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("assigns the team's accounts and fails alone each one the manager may not touch, changing nothing for it", async () => {
    const rep2 = await h.userId('rep.east2');
    const ghost = randomUUID();
    const southBefore = await row(south);
    const res = await h.graphql<{ bulkAssignAccounts: BulkResult }>(
      `mutation($ids: [ID!]!, $ownerId: ID!) { bulkAssignAccounts(ids: $ids, ownerId: $ownerId) { ${RESULT} } }`,
      { ids: [...east, south, ghost, 'not-an-id'], ownerId: rep2 },
      'manager.east',
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.bulkAssignAccounts;
    expect(result.succeeded).toEqual(east);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([
      [south, 'FORBIDDEN'],
      [ghost, 'NOT_FOUND'],
      ['not-an-id', 'BAD_USER_INPUT'],
    ]);
    for (const id of east) expect((await row(id)).owner_id).toBe(rep2);
    expect(await row(south)).toEqual(southBefore);
    expect(await audited([...east, south])).toEqual(east.map((id) => `account.update ${id}`));
    const ownerEvents = (await h.streamEvents()).filter((e) => e.subject === 'crm.customer.account.owner_changed');
    expect(ownerEvents.map((e) => e.aggregateId).sort()).toEqual([...east].sort());
  });

  it('adds and removes tags (ignoring case) as updateAccount does', async () => {
    const res = await h.graphql<{ bulkTagAccounts: BulkResult }>(
      `mutation($ids: [ID!]!) { bulkTagAccounts(ids: $ids, add: ["VIP"], remove: ["old"]) { ${RESULT} } }`,
      { ids: [...east, south] },
      'rep.east2',
    );
    expect(res.data!.bulkTagAccounts.succeeded).toEqual(east);
    expect(res.data!.bulkTagAccounts.failed.map((f) => f.id)).toEqual([south]);
    expect((await row(east[0]!)).tags).toEqual(['keep', 'VIP']);
    expect((await row(east[1]!)).tags).toEqual(['VIP']);
    expect((await row(south)).tags).toEqual(['old']);
  });

  it('returns accounts to the pool with one reason, as releaseAccount does', async () => {
    const res = await h.graphql<{ bulkReleaseAccounts: BulkResult }>(
      `mutation($ids: [ID!]!) { bulkReleaseAccounts(ids: $ids, reason: "Territory change") { ${RESULT} } }`,
      { ids: [east[0], south] },
      'rep.east2',
    );
    expect(res.data!.bulkReleaseAccounts.succeeded).toEqual([east[0]]);
    expect(res.data!.bulkReleaseAccounts.failed).toEqual([
      { id: south, code: 'FORBIDDEN', message: expect.any(String) },
    ]);
    expect((await row(east[0]!)).owner_id).toBeNull();
    const moves: { reason: string }[] = await h.app.dataSource.query(
      `SELECT reason FROM pool_moves WHERE account_id = $1`,
      [east[0]],
    );
    expect(moves.map((m) => m.reason)).toEqual(['Territory change']);
  });

  it('refuses more than 200 ids, no ids, a blank reason or nothing to tag, changing nothing', async () => {
    const many = Array.from({ length: 201 }, () => randomUUID());
    const tooMany = await h.graphql(
      `mutation($ids: [ID!]!) { bulkReleaseAccounts(ids: $ids, reason: "x") { succeeded } }`,
      {
        ids: many,
      },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ field: 'ids', rule: 'max_items' })],
    });
    const blank = await h.graphql(
      `mutation($ids: [ID!]!) { bulkReleaseAccounts(ids: $ids, reason: " ") { succeeded } }`,
      {
        ids: [east[1]],
      },
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ violations: [expect.objectContaining({ field: 'reason' })] });
    const nothing = await h.graphql(`mutation($ids: [ID!]!) { bulkTagAccounts(ids: $ids) { succeeded } }`, {
      ids: [east[1]],
    });
    expect(nothing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = await h.graphql(`mutation { bulkTagAccounts(ids: [], add: ["x"]) { succeeded } }`);
    expect(none.errors?.[0]?.extensions).toMatchObject({ violations: [expect.objectContaining({ field: 'ids' })] });
    expect((await row(east[1]!)).owner_id).not.toBeNull();
  });
});
