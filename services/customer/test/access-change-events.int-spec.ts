import { customerEventsV1 } from '@crm/contracts';
import { systemActor } from '@crm/platform/auth';
import { announceExpiredGrants } from '../src/application/grant-change-events';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`;
const MERGE = `mutation($i: MergeAccountsInput!) { mergeAccounts(input: $i) { id ownerId } }`;
const SHARE = `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`;
const REVOKE = `mutation($input: RevokeAccountGrantInput!) { revokeAccountGrant(input: $input) { id } }`;
const REQUEST = `mutation($input: RequestAccountAccessInput!) { requestAccountAccess(input: $input) { id } }`;
const DECIDE = `mutation($input: DecideAccessRequestInput!) { decideAccessRequest(input: $input) { id } }`;

// What the sales service's deal-visibility projection is fed from: grants and every owner or team change.
describe('events for other services that mirror who may see an account', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('access_change_events');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function must<T>(query: string, variables: Record<string, unknown>, as: string): Promise<T> {
    const res = await h.graphql<T>(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }
  const createAccount = async (name: string, as: string): Promise<string> =>
    (await must<{ createAccount: { account: { id: string } } }>(CREATE, { input: { account: { name } } }, as))
      .createAccount.account.id;

  async function grantEvents(accountId: string) {
    return (await h.streamEvents())
      .filter((e) => e.subject === 'crm.customer.account.grant_changed' && e.aggregateId === accountId)
      .map((e) => customerEventsV1.AccountGrantChanged.decode(e.data))
      .map(({ granteeId, access, reason, expiresAt }) => ({ granteeId, access, reason, expiresAt }));
  }
  async function ownerEvents(accountId: string) {
    return (await h.streamEvents())
      .filter((e) => e.subject === 'crm.customer.account.owner_changed' && e.aggregateId === accountId)
      .map((e) => customerEventsV1.AccountOwnerChanged.decode(e.data))
      .map(({ previousOwnerId, ownerId, teamId }) => ({ previousOwnerId, ownerId, teamId }));
  }

  it('publishes grant_changed on share, re-share, revoke and approval, with what the grantee is left with', async () => {
    const south = await h.userId('rep.south1');
    const id = await createAccount('Granted Around Ltd', 'rep.east1');
    const expiresAt = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
    await must(SHARE, { input: { accountId: id, granteeId: south, access: 'READ', expiresAt } }, 'rep.east1');
    const share = await must<{ shareAccount: { id: string } }>(
      SHARE,
      { input: { accountId: id, granteeId: south, access: 'EDIT' } },
      'rep.east1',
    );
    await must(REVOKE, { input: { grantId: share.shareAccount.id } }, 'rep.east1');
    const request = await must<{ requestAccountAccess: { id: string } }>(
      REQUEST,
      { input: { accountId: id, access: 'READ', reason: 'joint bid' } },
      'rep.south1',
    );
    await must(DECIDE, { input: { requestId: request.requestAccountAccess.id, decision: 'APPROVE' } }, 'manager.east');

    const events = await grantEvents(id);
    expect(events.slice(0, 3)).toEqual([
      { granteeId: south, access: 'read', reason: 'shared', expiresAt },
      { granteeId: south, access: 'edit', reason: 'shared', expiresAt: undefined },
      { granteeId: south, access: '', reason: 'revoked', expiresAt: undefined },
    ]);
    expect(events[3]).toMatchObject({ granteeId: south, access: 'read', reason: 'request_approved' });
    expect(events[3].expiresAt).toBeInstanceOf(Date);
    expect(events).toHaveLength(4);
  });

  it('announces a lapsed grant once, as expired, when the job runs after its expiry', async () => {
    const south = await h.userId('rep.south1');
    const id = await createAccount('Lapsing Grant Ltd', 'rep.east1');
    const expiresAt = new Date(Date.now() + 60 * 60 * 1000);
    await must(SHARE, { input: { accountId: id, granteeId: south, access: 'READ', expiresAt } }, 'rep.east1');
    expect(await announceExpiredGrants(h.app.dataSource, systemActor('job-1'), new Date())).toBe(0);
    const later = new Date(expiresAt.getTime() + 1000);
    expect(await announceExpiredGrants(h.app.dataSource, systemActor('job-2'), later)).toBe(1);
    expect(await announceExpiredGrants(h.app.dataSource, systemActor('job-3'), later)).toBe(0);
    expect((await grantEvents(id)).slice(1)).toEqual([
      { granteeId: south, access: '', reason: 'expired', expiresAt: undefined },
    ]);
  });

  it("announces the previous owner's shares as revoked when the account changes hands", async () => {
    const [south, east2] = [await h.userId('rep.south2'), await h.userId('rep.east2')];
    const id = await createAccount('Changing Hands Ltd', 'rep.east1');
    await must(SHARE, { input: { accountId: id, granteeId: south, access: 'READ' } }, 'rep.east1');
    await must(UPDATE, { input: { id, account: { ownerId: east2 } } }, 'manager.east');
    expect((await grantEvents(id)).at(-1)).toEqual({
      granteeId: south,
      access: '',
      reason: 'revoked',
      expiresAt: undefined,
    });
  });

  it('publishes owner_changed with the team when only the team changes, and when a merge gives the winner an owner', async () => {
    const east1 = await h.userId('rep.east1');
    const moved = await createAccount('Team Move Ltd', 'rep.east1');
    await must(UPDATE, { input: { id: moved, account: { teamId: 'sales-south' } } }, 'manager.east');
    expect(await ownerEvents(moved)).toEqual([{ previousOwnerId: east1, ownerId: east1, teamId: 'sales-south' }]);

    // crm-admin's new account sits in the pool; the merge fills its owner and team from the loser.
    const winner = await createAccount('Pooled Winner Ltd', 'admin1');
    const loser = await createAccount('Owned Loser Ltd', 'rep.east1');
    const merged = await must<{ mergeAccounts: { ownerId: string } }>(
      MERGE,
      { i: { winnerId: winner, loserId: loser } },
      'admin1',
    );
    expect(merged.mergeAccounts.ownerId).toBe(east1);
    expect(await ownerEvents(winner)).toEqual([{ previousOwnerId: '', ownerId: east1, teamId: 'sales-east' }]);
  });
});
