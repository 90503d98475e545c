import { customerEventsV1 } from '@crm/contracts';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id ownerId teamId } } }`;
const READ = `query($id: ID!) { account(id: $id) { id ownerId teamId ownerSince } }`;
const POOL = `query($search: String) { accounts(search: $search, filter: { inPool: true }) { edges { node { id } } } }`;
const CLAIM = `mutation($input: ClaimAccountInput!) { claimAccount(input: $input) { id ownerId teamId ownerSince } }`;
const RELEASE = `mutation($input: ReleaseAccountInput!) { releaseAccount(input: $input) { id ownerId teamId } }`;
const QUOTA = `{ poolQuota { claimsToday dailyClaimCap ownedAccounts maxOwnedAccounts timeZone dayEndsAt } }`;

const DAY = 24 * 60 * 60 * 1000;
const DAILY_CAP = 3;
const MAX_OWNED = 4;

interface Account {
  id: string;
  ownerId: string | null;
  teamId: string | null;
  ownerSince: string | null;
}

type Errors = { errors?: { extensions?: Record<string, unknown> }[] };
const errorOf = (res: Errors) => res.errors?.[0]?.extensions ?? {};

describe('customer pool (公海)', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_pool', {
      pool: { dailyClaimCap: DAILY_CAP, maxOwnedAccounts: MAX_OWNED },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** crm-admin's new accounts have no owner: they sit in the pool unless given one. */
  async function createAccount(account: Record<string, unknown>): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: Account } }>(CREATE, { input: { account } }, 'admin1');
    expect(res.errors).toBeUndefined();
    return res.data!.createAccount.account.id;
  }

  async function claim(accountId: string, as: string) {
    return h.graphql<{ claimAccount: Account }>(CLAIM, { input: { accountId } }, as);
  }

  async function outboxTypes(accountId: string): Promise<string[]> {
    const rows: { event_type: string }[] = await h.app.dataSource.query(
      `SELECT event_type FROM outbox_events WHERE aggregate_id = $1 ORDER BY seq`,
      [accountId],
    );
    return rows.map((r) => r.event_type);
  }

  async function auditActions(accountId: string): Promise<string[]> {
    const rows: { action: string }[] = await h.app.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [accountId],
    );
    return rows.map((r) => r.action);
  }

  it('shows pool accounts to reps and managers, not to service agents', async () => {
    const id = await createAccount({ name: 'Open Sea Trading' });
    for (const as of ['rep.south1', 'manager.east']) {
      const list = await h.graphql<{ accounts: { edges: { node: { id: string } }[] } }>(
        POOL,
        { search: 'Open Sea' },
        as,
      );
      expect(list.data?.accounts.edges.map((e) => e.node.id)).toEqual([id]);
    }
    const agent = await h.graphql(READ, { id }, 'agent1');
    expect(errorOf(agent).code).toBe('FORBIDDEN');
  });

  it('a claim makes the rep the owner, in their team, and records the move', async () => {
    const id = await createAccount({ name: 'Claimable Co' });
    const rep = await h.userId('rep.east1');
    const res = await claim(id, 'rep.east1');
    expect(res.errors).toBeUndefined();
    expect(res.data!.claimAccount).toMatchObject({
      id,
      ownerId: rep,
      teamId: 'sales-east',
      ownerSince: expect.any(String),
    });

    const taken = await claim(id, 'rep.east2');
    expect(errorOf(taken)).toMatchObject({ code: 'CONFLICT', rule: 'in_pool' });

    const moves = await h.app.dataSource.query(
      `SELECT kind, from_owner_id, to_owner_id, actor_id FROM pool_moves WHERE account_id = $1`,
      [id],
    );
    expect(moves).toEqual([{ kind: 'claim', from_owner_id: null, to_owner_id: rep, actor_id: rep }]);
    expect(await auditActions(id)).toEqual(['account.create', 'pool.claim']);
    expect(await outboxTypes(id)).toEqual([
      'crm.customer.v1.AccountCreated',
      'crm.customer.v1.AccountUpdated',
      'crm.customer.v1.AccountOwnerChanged',
    ]);
  });

  it('service agents, finance and auditors cannot claim', async () => {
    const id = await createAccount({ name: 'Not For Agents Co' });
    for (const as of ['agent1', 'finance1', 'auditor1', 'admin1']) {
      expect(errorOf(await claim(id, as)).code).toBe('FORBIDDEN');
    }
    const read = await h.graphql<{ account: Account }>(READ, { id }, 'admin1');
    expect(read.data?.account.ownerId).toBeNull();
  });

  it('refuses claims past the daily cap, counted from midnight in Asia/Shanghai', async () => {
    const rep = await h.userId('rep.east2');
    const ids = [];
    for (let i = 0; i <= DAILY_CAP; i++) ids.push(await createAccount({ name: `Daily Cap Co ${i}` }));
    // Claims of yesterday (Shanghai time) do not count against today.
    await h.app.dataSource.query(
      `INSERT INTO pool_moves (id, account_id, kind, from_owner_id, to_owner_id, actor_id, moved_at)
       SELECT gen_random_uuid(), $1, 'claim', NULL, $2::uuid, $2, date_trunc('day', now(), 'Asia/Shanghai') - interval '1 minute'
         FROM generate_series(1, $3)`,
      [ids[0], rep, DAILY_CAP],
    );
    for (const id of ids.slice(0, DAILY_CAP)) expect((await claim(id, 'rep.east2')).errors).toBeUndefined();

    const refused = await claim(ids[DAILY_CAP], 'rep.east2');
    expect(errorOf(refused)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'daily_claim_cap',
      limit: DAILY_CAP,
      timeZone: 'Asia/Shanghai',
    });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('daily claim cap') });

    const quota = await h.graphql<{ poolQuota: Record<string, unknown> }>(QUOTA, {}, 'rep.east2');
    expect(quota.data?.poolQuota).toMatchObject({
      claimsToday: DAILY_CAP,
      dailyClaimCap: DAILY_CAP,
      ownedAccounts: DAILY_CAP,
      timeZone: 'Asia/Shanghai',
    });
    const [midnight]: { next: Date }[] = await h.app.dataSource.query(
      `SELECT date_trunc('day', now(), 'Asia/Shanghai') + interval '1 day' AS next`,
    );
    expect(quota.data?.poolQuota.dayEndsAt).toBe(midnight.next.toISOString());
    // Another rep's count is their own.
    expect((await claim(ids[DAILY_CAP], 'rep.south2')).errors).toBeUndefined();
  });

  it('refuses claims once the rep owns the maximum of accounts', async () => {
    const rep = await h.userId('rep.south1');
    for (let i = 0; i < MAX_OWNED; i++)
      await createAccount({ name: `Owned Cap Co ${i}`, ownerId: rep, teamId: 'sales-south' });
    const id = await createAccount({ name: 'One Too Many Co' });
    const refused = await claim(id, 'rep.south1');
    expect(errorOf(refused)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'max_owned_accounts',
      limit: MAX_OWNED,
    });
  });

  it('the previous owner cannot reclaim a released account within the cooldown, another rep can', async () => {
    const id = await createAccount({ name: 'Released Co' });
    const rep = await h.userId('rep.east1');
    expect((await claim(id, 'rep.east1')).errors).toBeUndefined();

    const notTheirs = await h.graphql(RELEASE, { input: { accountId: id, reason: 'not mine' } }, 'rep.south2');
    expect(errorOf(notTheirs).code).toBe('FORBIDDEN');
    const noReason = await h.graphql(RELEASE, { input: { accountId: id, reason: ' ' } }, 'rep.east1');
    expect(errorOf(noReason)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

    const released = await h.graphql<{ releaseAccount: Account }>(
      RELEASE,
      { input: { accountId: id, reason: 'customer moved to Guangzhou' } },
      'rep.east1',
    );
    expect(released.data?.releaseAccount).toMatchObject({ id, ownerId: null, teamId: null });

    const back = await claim(id, 'rep.east1');
    expect(errorOf(back)).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'reclaim_cooldown', limit: 7 });
    const other = await claim(id, 'rep.south2');
    expect(other.data?.claimAccount.ownerId).toBe(await h.userId('rep.south2'));

    const moves = await h.app.dataSource.query(
      `SELECT kind, from_owner_id, to_owner_id, reason FROM pool_moves WHERE account_id = $1 ORDER BY moved_at`,
      [id],
    );
    expect(moves).toEqual([
      { kind: 'claim', from_owner_id: null, to_owner_id: rep, reason: null },
      { kind: 'release', from_owner_id: rep, to_owner_id: null, reason: 'customer moved to Guangzhou' },
      { kind: 'claim', from_owner_id: null, to_owner_id: await h.userId('rep.south2'), reason: null },
    ]);
    expect(await auditActions(id)).toEqual(['account.create', 'pool.claim', 'pool.release', 'pool.claim']);

    // After the cooldown the previous owner may claim it again (once it is back in the pool).
    await h.graphql(RELEASE, { input: { accountId: id, reason: 'handing back' } }, 'manager.south');
    await h.app.dataSource.query(
      `UPDATE pool_moves SET moved_at = moved_at - interval '8 days' WHERE account_id = $1 AND from_owner_id = $2::uuid`,
      [id, rep],
    );
    expect((await claim(id, 'rep.east1')).errors).toBeUndefined();
  });

  it('returns an account without follow-up to the pool, after warning its owner first', async () => {
    const rep = await h.userId('rep.east1');
    const gradeC = await createAccount({ name: 'Neglected Co', grade: 'C', ownerId: rep, teamId: 'sales-east' });
    const gradeA = await createAccount({ name: 'Key Account Co', grade: 'A', ownerId: rep, teamId: 'sales-east' });
    const start = Date.now();
    const row = async (id: string) =>
      (
        await h.app.dataSource.query(`SELECT owner_id, team_id, pool_warned_at FROM accounts WHERE id = $1`, [id])
      )[0] as {
        owner_id: string | null;
        team_id: string | null;
        pool_warned_at: Date | null;
      };

    // Day 25 of 30 for grade C: inside the 7-day warning window.
    const warnAt = new Date(start + 25 * DAY);
    await h.app.services.pool.runPoolReturn(warnAt);
    expect(await row(gradeC)).toEqual({ owner_id: rep, team_id: 'sales-east', pool_warned_at: warnAt });
    expect((await row(gradeA)).pool_warned_at).toBeNull();
    const [warning]: { payload: Buffer; subject: string }[] = await h.app.dataSource.query(
      `SELECT payload, subject FROM outbox_events WHERE aggregate_id = $1 AND event_type = 'crm.customer.v1.AccountPoolWarning'`,
      [gradeC],
    );
    expect(warning.subject).toBe('crm.customer.account.pool_warning');
    const decoded = customerEventsV1.AccountPoolWarning.decode(warning.payload);
    expect(decoded).toMatchObject({ accountId: gradeC, ownerId: rep });
    expect(decoded.returnsAt!.getTime()).toBe(warnAt.getTime() + 7 * DAY);

    // The same run again warns nobody twice and returns nothing: the warning has not run out.
    await h.app.services.pool.runPoolReturn(new Date(start + 31 * DAY));
    expect((await row(gradeC)).owner_id).toBe(rep);
    expect((await outboxTypes(gradeC)).filter((t) => t.endsWith('AccountPoolWarning'))).toHaveLength(1);

    await h.app.services.pool.runPoolReturn(new Date(start + 33 * DAY));
    expect(await row(gradeC)).toEqual({ owner_id: null, team_id: null, pool_warned_at: null });
    expect((await row(gradeA)).owner_id).toBe(rep);
    const moves = await h.app.dataSource.query(
      `SELECT kind, from_owner_id, actor_id, reason FROM pool_moves WHERE account_id = $1`,
      [gradeC],
    );
    expect(moves).toEqual([
      { kind: 'auto_return', from_owner_id: rep, actor_id: 'system', reason: 'no follow-up for 30 days (grade C)' },
    ]);
    expect(await auditActions(gradeC)).toEqual(['account.create', 'pool.warning', 'pool.auto_return']);
    expect(await outboxTypes(gradeC)).toEqual([
      'crm.customer.v1.AccountCreated',
      'crm.customer.v1.AccountPoolWarning',
      'crm.customer.v1.AccountUpdated',
      'crm.customer.v1.AccountOwnerChanged',
      'crm.customer.v1.AccountReturnedToPool',
    ]);
    const published = (await h.streamEvents()).filter((e) => e.subject === 'crm.customer.account.owner_changed');
    const changed = published
      .map((e) => customerEventsV1.AccountOwnerChanged.decode(e.data))
      .find((e) => e.accountId === gradeC);
    expect(changed).toMatchObject({ previousOwnerId: rep, ownerId: '' });
    // Back in the pool: any rep sees it; its previous owner waits out the cooldown.
    const list = await h.graphql<{ accounts: { edges: { node: { id: string } }[] } }>(
      POOL,
      { search: 'Neglected' },
      'rep.south2',
    );
    expect(list.data?.accounts.edges.map((e) => e.node.id)).toEqual([gradeC]);
    expect(errorOf(await claim(gradeC, 'rep.east1')).rule).toBe('reclaim_cooldown');
  });
});
