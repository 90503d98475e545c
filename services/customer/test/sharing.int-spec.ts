import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id ownerId teamId } } }`;
const READ = `query($id: ID!) { account(id: $id) { id name } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id industry } }`;
const LIST = `query($search: String) { accounts(search: $search) { edges { node { id } } } }`;
const GRANT_FIELDS = 'id accountId granteeId access source expiresAt grantedBy requestId';
const SHARE = `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { ${GRANT_FIELDS} } }`;
const REVOKE = `mutation($input: RevokeAccountGrantInput!) { revokeAccountGrant(input: $input) { ${GRANT_FIELDS} } }`;
const GRANTS = `query($id: ID!, $first: Int, $after: String) {
  accountGrants(accountId: $id, first: $first, after: $after) { edges { node { ${GRANT_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;
const REQUEST_FIELDS = 'id accountId requesterId access reason status decidedBy decisionNote grantExpiresAt';
const REQUEST = `mutation($input: RequestAccountAccessInput!) { requestAccountAccess(input: $input) { ${REQUEST_FIELDS} } }`;
const DECIDE = `mutation($input: DecideAccessRequestInput!) { decideAccessRequest(input: $input) { ${REQUEST_FIELDS} } }`;
const PENDING = `query($first: Int, $after: String) {
  accessRequests(first: $first, after: $after) { edges { cursor node { id accountId } } pageInfo { hasNextPage endCursor } }
}`;
const MINE = `{ myAccessRequests { edges { node { id status account { id } } } } }`;

interface Grant {
  id: string;
  accountId: string;
  granteeId: string;
  access: string;
  source: string;
  expiresAt: string | null;
  grantedBy: string;
  requestId: string | null;
}

interface Request {
  id: string;
  status: string;
  decisionNote: string | null;
  grantExpiresAt: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

describe('shares and access requests', () => {
  let h: CustomerHarness;
  let southRep: string;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_sharing');
    southRep = await h.userId('rep.south1');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** An account of rep.east1 in team sales-east. */
  async function createOwnAccount(name: string): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: { id: string; ownerId: string; teamId: string } } }>(
      CREATE,
      { input: { account: { name } } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createAccount.account.teamId).toBe('sales-east');
    return res.data!.createAccount.account.id;
  }

  async function grantsOn(id: string, as: string): Promise<Grant[]> {
    const res = await h.graphql<{ accountGrants: { edges: { node: Grant }[] } }>(GRANTS, { id }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.accountGrants.edges.map((e) => e.node);
  }

  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  async function canRead(id: string, as: string): Promise<boolean> {
    const res = await h.graphql<{ account: { id: string } | null }>(READ, { id }, as);
    if (res.errors) expect(codeOf(res)).toBe('FORBIDDEN');
    return !!res.data?.account;
  }

  async function canEdit(id: string, as: string, industry: string): Promise<boolean> {
    const res = await h.graphql(UPDATE, { input: { id, account: { industry } } }, as);
    if (res.errors) expect(codeOf(res)).toBe('FORBIDDEN');
    return !res.errors;
  }

  async function listed(id: string, name: string, as: string): Promise<boolean> {
    const res = await h.graphql<{ accounts: { edges: { node: { id: string } }[] } }>(LIST, { search: name }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.accounts.edges.some((e) => e.node.id === id);
  }

  async function auditActions(accountId: string): Promise<string[]> {
    const rows: { action: string }[] = await h.app.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'account' AND entity_id = $1 ORDER BY seq`,
      [accountId],
    );
    return rows.map((r) => r.action);
  }

  it('a read-only share lets the grantee read and list the account, not edit it', async () => {
    const id = await createOwnAccount('Shared Read Co');
    expect(await canRead(id, 'rep.south1')).toBe(false);
    expect(await listed(id, 'Shared Read', 'rep.south1')).toBe(false);

    const shared = await h.graphql<{ shareAccount: Grant }>(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'READ' } },
      'rep.east1',
    );
    expect(shared.errors).toBeUndefined();
    expect(shared.data!.shareAccount).toMatchObject({
      accountId: id,
      granteeId: southRep,
      access: 'READ',
      source: 'SHARE',
      expiresAt: null,
      grantedBy: await h.userId('rep.east1'),
    });

    expect(await canRead(id, 'rep.south1')).toBe(true);
    expect(await listed(id, 'Shared Read', 'rep.south1')).toBe(true);
    expect(await canEdit(id, 'rep.south1', 'retail')).toBe(false);
    // The grantee sees their own grant; a read share does not let them share further.
    const mine = await grantsOn(id, 'rep.south1');
    expect(mine.map((g) => g.granteeId)).toEqual([southRep]);
    const reshare = await h.graphql(
      SHARE,
      { input: { accountId: id, granteeId: await h.userId('rep.south2'), access: 'READ' } },
      'rep.south1',
    );
    expect(codeOf(reshare)).toBe('FORBIDDEN');
    expect(await auditActions(id)).toEqual(['account.create', 'account.share']);
  });

  it('only the owner, the team manager or crm-admin share, and edit shares need edit access', async () => {
    const id = await createOwnAccount('Share Rights Co');
    const byOtherRep = await h.graphql(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'READ' } },
      'rep.east2',
    );
    expect(codeOf(byOtherRep)).toBe('FORBIDDEN');
    const byOtherManager = await h.graphql(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'READ' } },
      'manager.south',
    );
    expect(codeOf(byOtherManager)).toBe('FORBIDDEN');
    const byFinance = await h.graphql(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'EDIT' } },
      'finance1',
    );
    expect(codeOf(byFinance)).toBe('FORBIDDEN');
    const byManager = await h.graphql<{ shareAccount: Grant }>(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'EDIT' } },
      'manager.east',
    );
    expect(byManager.data?.shareAccount.access).toBe('EDIT');
    expect(await canEdit(id, 'rep.south1', 'logistics')).toBe(true);
  });

  it('refuses bad share input with the field path', async () => {
    const id = await createOwnAccount('Share Input Co');
    const past = await h.graphql(
      SHARE,
      {
        input: {
          accountId: id,
          granteeId: southRep,
          access: 'READ',
          expiresAt: new Date(Date.now() - DAY).toISOString(),
        },
      },
      'rep.east1',
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0].extensions?.field).toBe('input.expiresAt');
    const notUser = await h.graphql(
      SHARE,
      { input: { accountId: id, granteeId: 'someone', access: 'READ' } },
      'rep.east1',
    );
    expect(notUser.errors?.[0].extensions?.field).toBe('input.granteeId');
  });

  it('a share past its expiry gives nothing, and a revoked share is gone', async () => {
    const id = await createOwnAccount('Expiring Share Co');
    const until = new Date(Date.now() + 7 * DAY).toISOString();
    const shared = await h.graphql<{ shareAccount: Grant }>(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'EDIT', expiresAt: until } },
      'rep.east1',
    );
    expect(shared.data?.shareAccount.expiresAt).toBe(until);
    expect(await canEdit(id, 'rep.south1', 'energy')).toBe(true);

    await h.app.dataSource.query(`UPDATE account_grants SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      shared.data!.shareAccount.id,
    ]);
    expect(await canRead(id, 'rep.south1')).toBe(false);
    expect(await canEdit(id, 'rep.south1', 'mining')).toBe(false);
    expect(await listed(id, 'Expiring Share', 'rep.south1')).toBe(false);
    expect(await grantsOn(id, 'rep.east1')).toEqual([]);

    const again = await h.graphql<{ shareAccount: Grant }>(
      SHARE,
      { input: { accountId: id, granteeId: southRep, access: 'READ' } },
      'rep.east1',
    );
    expect(await canRead(id, 'rep.south1')).toBe(true);
    const revoked = await h.graphql<{ revokeAccountGrant: Grant }>(
      REVOKE,
      { input: { grantId: again.data!.shareAccount.id } },
      'rep.east1',
    );
    expect(revoked.data?.revokeAccountGrant.id).toBe(again.data!.shareAccount.id);
    expect(await canRead(id, 'rep.south1')).toBe(false);
    expect(await listed(id, 'Expiring Share', 'rep.south1')).toBe(false);
    const twice = await h.graphql(REVOKE, { input: { grantId: again.data!.shareAccount.id } }, 'rep.east1');
    expect(codeOf(twice)).toBe('NOT_FOUND');
    expect(await auditActions(id)).toEqual([
      'account.create',
      'account.share',
      'account.update',
      'account.share',
      'account.unshare',
    ]);
  });

  it('an approved access request grants edit until it expires, decided only by the account team manager', async () => {
    const id = await createOwnAccount('Requested Edit Co');
    const asked = await h.graphql<{ requestAccountAccess: Request }>(
      REQUEST,
      { input: { accountId: id, access: 'EDIT', reason: 'joint bid with the south region' } },
      'rep.south1',
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.requestAccountAccess).toMatchObject({ status: 'PENDING', decidedBy: null });
    const requestId = asked.data!.requestAccountAccess.id;

    const again = await h.graphql(REQUEST, { input: { accountId: id, access: 'READ', reason: 'again' } }, 'rep.south1');
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].extensions?.rule).toBe('one_pending_request');
    const ownAccount = await h.graphql(
      REQUEST,
      { input: { accountId: id, access: 'EDIT', reason: 'mine' } },
      'rep.east1',
    );
    expect(ownAccount.errors?.[0].extensions?.rule).toBe('already_has_access');
    const noReason = await h.graphql(REQUEST, { input: { accountId: id, access: 'EDIT', reason: '  ' } }, 'rep.south2');
    expect(noReason.errors?.[0].extensions?.field).toBe('input.reason');

    // The queue: manager.east sees it, manager.south does not, a rep may not look; the requester sees their own.
    const eastQueue = await h.graphql<{ accessRequests: { edges: { node: { id: string } }[] } }>(
      PENDING,
      {},
      'manager.east',
    );
    expect(eastQueue.data?.accessRequests.edges.map((e) => e.node.id)).toContain(requestId);
    const southQueue = await h.graphql<{ accessRequests: { edges: { node: { id: string } }[] } }>(
      PENDING,
      {},
      'manager.south',
    );
    expect(southQueue.data?.accessRequests.edges.map((e) => e.node.id)).not.toContain(requestId);
    expect(codeOf(await h.graphql(PENDING, {}, 'rep.east2'))).toBe('FORBIDDEN');
    const mine = await h.graphql<{
      myAccessRequests: { edges: { node: { id: string; status: string; account: null } }[] };
    }>(MINE, {}, 'rep.south1');
    expect(mine.data?.myAccessRequests.edges.map((e) => e.node)).toContainEqual({
      id: requestId,
      status: 'PENDING',
      account: null,
    });

    const wrongManager = await h.graphql(DECIDE, { input: { requestId, decision: 'APPROVE' } }, 'manager.south');
    expect(codeOf(wrongManager)).toBe('FORBIDDEN');
    const tooLong = await h.graphql(
      DECIDE,
      { input: { requestId, decision: 'APPROVE', grantExpiresAt: new Date(Date.now() + 200 * DAY).toISOString() } },
      'manager.east',
    );
    expect(tooLong.errors?.[0].extensions?.field).toBe('input.grantExpiresAt');
    expect(await canEdit(id, 'rep.south1', 'telecom')).toBe(false);

    const until = new Date(Date.now() + 2 * DAY).toISOString();
    const approved = await h.graphql<{ decideAccessRequest: Request }>(
      DECIDE,
      { input: { requestId, decision: 'APPROVE', note: 'for the bid only', grantExpiresAt: until } },
      'manager.east',
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideAccessRequest).toMatchObject({
      status: 'APPROVED',
      decisionNote: 'for the bid only',
      grantExpiresAt: until,
    });
    expect(await canEdit(id, 'rep.south1', 'telecom')).toBe(true);
    expect(await grantsOn(id, 'rep.east1')).toEqual([
      expect.objectContaining({
        granteeId: southRep,
        access: 'EDIT',
        source: 'ACCESS_REQUEST',
        requestId,
        expiresAt: until,
      }),
    ]);

    const twice = await h.graphql(DECIDE, { input: { requestId, decision: 'REJECT' } }, 'manager.east');
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors?.[0].extensions?.rule).toBe('already_decided');

    await h.app.dataSource.query(
      `UPDATE account_grants SET expires_at = now() - interval '1 second' WHERE request_id = $1`,
      [requestId],
    );
    expect(await canEdit(id, 'rep.south1', 'aviation')).toBe(false);
    expect(await canRead(id, 'rep.south1')).toBe(false);

    expect(await auditActions(id)).toEqual([
      'account.create',
      'access_request.create',
      'access_request.approve',
      'account.update',
    ]);
  });

  it('a rejected request grants nothing and cannot be decided again', async () => {
    const id = await createOwnAccount('Rejected Request Co');
    const asked = await h.graphql<{ requestAccountAccess: Request }>(
      REQUEST,
      { input: { accountId: id, access: 'READ', reason: 'curious' } },
      'rep.south1',
    );
    const requestId = asked.data!.requestAccountAccess.id;
    const rejected = await h.graphql<{ decideAccessRequest: Request }>(
      DECIDE,
      { input: { requestId, decision: 'REJECT', note: 'not your region' } },
      'admin1',
    );
    expect(rejected.data?.decideAccessRequest).toMatchObject({
      status: 'REJECTED',
      decisionNote: 'not your region',
      grantExpiresAt: null,
    });
    expect(await canRead(id, 'rep.south1')).toBe(false);
    expect(await h.app.dataSource.query('SELECT id FROM account_grants WHERE account_id = $1', [id])).toEqual([]);
    const again = await h.graphql(DECIDE, { input: { requestId, decision: 'APPROVE' } }, 'manager.east');
    expect(codeOf(again)).toBe('CONFLICT');
    // Decided requests leave the queue; a new request may be made.
    const queue = await h.graphql<{ accessRequests: { edges: { node: { id: string } }[] } }>(
      PENDING,
      {},
      'manager.east',
    );
    expect(queue.data?.accessRequests.edges.map((e) => e.node.id)).not.toContain(requestId);
    const retry = await h.graphql<{ requestAccountAccess: Request }>(
      REQUEST,
      { input: { accountId: id, access: 'READ', reason: 'new project' } },
      'rep.south1',
    );
    expect(retry.data?.requestAccountAccess.status).toBe('PENDING');
    const audit: { action: string; actor_id: string; details: Record<string, unknown> }[] =
      await h.app.dataSource.query(
        `SELECT action, actor_id, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'access_request.%' ORDER BY seq`,
        [id],
      );
    expect(audit.map((a) => a.action)).toEqual([
      'access_request.create',
      'access_request.reject',
      'access_request.create',
    ]);
    expect(audit[1]).toMatchObject({
      actor_id: await h.userId('admin1'),
      details: expect.objectContaining({ requestId, note: 'not your region' }),
    });
  });

  it('pages through the pending queue oldest first', async () => {
    const ids: string[] = [];
    for (const name of ['Queue One Co', 'Queue Two Co', 'Queue Three Co']) {
      const id = await createOwnAccount(name);
      const asked = await h.graphql<{ requestAccountAccess: Request }>(
        REQUEST,
        { input: { accountId: id, access: 'READ', reason: 'queue' } },
        'rep.south2',
      );
      ids.push(asked.data!.requestAccountAccess.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: {
        data?: {
          accessRequests: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
      } = await h.graphql(PENDING, { first: 1, after }, 'manager.east');
      seen.push(...res.data!.accessRequests.edges.map((e) => e.node.id));
      if (!res.data!.accessRequests.pageInfo.hasNextPage) break;
      after = res.data!.accessRequests.pageInfo.endCursor;
    }
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
    // The queue's total is the whole queue the pages walked through, not the page of one.
    const counted = await h.graphql<{ accessRequests: { totalCount: number; totalCountIsEstimate: boolean } }>(
      `{ accessRequests(first: 1) { totalCount totalCountIsEstimate } }`,
      {},
      'manager.east',
    );
    expect(counted.data?.accessRequests).toEqual({ totalCount: seen.length, totalCountIsEstimate: false });
    const mine = await h.graphql<{ myAccessRequests: { totalCount: number; edges: unknown[] } }>(
      `{ myAccessRequests(status: PENDING, first: 200) { totalCount edges { cursor } } }`,
      {},
      'rep.south2',
    );
    expect(mine.data?.myAccessRequests.totalCount).toBe(mine.data?.myAccessRequests.edges.length);
    expect(mine.data?.myAccessRequests.totalCount).toBeGreaterThanOrEqual(ids.length);
  });

  it('a transfer or a release drops the shares the previous owner gave, and keeps the manager’s', async () => {
    const RELEASE = `mutation($input: ReleaseAccountInput!) { releaseAccount(input: $input) { id ownerId } }`;
    const grantees = async (id: string) => (await grantsOn(id, 'admin1')).map((g) => [g.granteeId, g.grantedBy]);
    const [eastRep1, eastRep2, southRep2, eastManager] = await Promise.all(
      ['rep.east1', 'rep.east2', 'rep.south2', 'manager.east'].map((u) => h.userId(u)),
    );

    const transferred = await createOwnAccount('Transfer Shares Co');
    const byOwner = await h.graphql(
      SHARE,
      { input: { accountId: transferred, granteeId: southRep, access: 'EDIT' } },
      'rep.east1',
    );
    const byManager = await h.graphql(
      SHARE,
      { input: { accountId: transferred, granteeId: southRep2, access: 'READ' } },
      'manager.east',
    );
    expect([byOwner.errors, byManager.errors]).toEqual([undefined, undefined]);
    expect(await canRead(transferred, 'rep.south1')).toBe(true);

    const moved = await h.graphql(
      UPDATE.replace('industry', 'ownerId'),
      { input: { id: transferred, account: { ownerId: eastRep2 } } },
      'manager.east',
    );
    expect(moved.errors).toBeUndefined();
    expect(await grantees(transferred)).toEqual([[southRep2, eastManager]]);
    expect(await canRead(transferred, 'rep.south1')).toBe(false);
    expect(await canRead(transferred, 'rep.south2')).toBe(true);
    const [unshare]: { actor_id: string; details: Record<string, unknown> }[] = await h.app.dataSource.query(
      `SELECT actor_id, details FROM audit_log WHERE entity_id = $1 AND action = 'account.unshare'`,
      [transferred],
    );
    expect(unshare).toMatchObject({ actor_id: eastManager, details: { granteeId: southRep, reason: 'owner changed' } });

    const released = await createOwnAccount('Release Shares Co');
    await h.graphql(SHARE, { input: { accountId: released, granteeId: southRep, access: 'READ' } }, 'rep.east1');
    expect(await grantees(released)).toEqual([[southRep, eastRep1]]);
    const release = await h.graphql(
      RELEASE,
      { input: { accountId: released, reason: 'no budget this year' } },
      'rep.east1',
    );
    expect(release.errors).toBeUndefined();
    expect(await grantees(released)).toEqual([]);
    expect(await auditActions(released)).toEqual([
      'account.create',
      'account.share',
      'account.unshare',
      'pool.release',
    ]);
  });

  it('pages through an account’s grants oldest first', async () => {
    const id = await createOwnAccount('Many Shares Co');
    const grantees = await Promise.all(['rep.south1', 'rep.south2', 'agent1'].map((u) => h.userId(u)));
    for (const granteeId of grantees) {
      const res = await h.graphql(SHARE, { input: { accountId: id, granteeId, access: 'READ' } }, 'rep.east1');
      expect(res.errors).toBeUndefined();
    }
    type GrantPage = {
      accountGrants: { edges: { node: Grant }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const first = await h.graphql<GrantPage>(GRANTS, { id, first: 2 }, 'rep.east1');
    expect(first.data!.accountGrants.edges.map((e) => e.node.granteeId)).toEqual(grantees.slice(0, 2));
    expect(first.data!.accountGrants.pageInfo.hasNextPage).toBe(true);
    const rest = await h.graphql<GrantPage>(
      GRANTS,
      { id, first: 2, after: first.data!.accountGrants.pageInfo.endCursor },
      'rep.east1',
    );
    expect(rest.data!.accountGrants.edges.map((e) => e.node.granteeId)).toEqual(grantees.slice(2));
    expect(rest.data!.accountGrants.pageInfo.hasNextPage).toBe(false);
    const tooMany = await h.graphql(GRANTS, { id, first: 100_000 }, 'rep.east1');
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
