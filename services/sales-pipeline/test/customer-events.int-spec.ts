import { customerEventsV1, salesEventsV1 } from '@crm/contracts';
import type { ConsumedEvent } from '@crm/platform/bus';
import { describeWithKeycloak } from '@crm/testing';
import { applyCustomerEvent } from '../src/events/customer-events-consumer';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

interface Facts {
  owner_id: string | null;
  team_id: string | null;
  deleted_at: Date | null;
  merged_into_id: string | null;
  event_seq: string;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithKeycloak('the customer service’s events in the sales service', () => {
  let h: SalesHarness;

  const facts = async (accountId: string): Promise<Facts | undefined> =>
    (
      (await h.app.services.dataSource.query(
        `SELECT owner_id, team_id, deleted_at, merged_into_id, event_seq FROM account_facts WHERE account_id = $1`,
        [accountId],
      )) as Facts[]
    )[0];

  const deal = async (id: string) =>
    (
      (await h.app.services.dataSource.query(
        `SELECT account_id, owner_id, team_id, stage_id, status, version FROM opportunities WHERE id = $1`,
        [id],
      )) as { account_id: string; owner_id: string; team_id: string | null; stage_id: string; version: number }[]
    )[0]!;

  const createDeal = async (accountId: string, as: string): Promise<string> => {
    const res = await h.graphql<{ createOpportunity: { id: string } }>(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { name: `Deal on ${accountId}`, accountId, amount: '1000', currency: 'CNY' } },
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createOpportunity.id;
  };

  beforeAll(async () => {
    h = await startSalesHarness('sales_customer_events');
    const created = await h.graphql(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
      { input: { name: 'Enterprise software', businessLine: 'Software', isDefault: true, stages } },
      'admin1',
    );
    expect(created.errors).toBeUndefined();
  }, 120_000);
  afterAll(() => h?.stop());

  it('projects a new account’s owner and team, then its deletion and restoration', async () => {
    const accountId = await h.createAccount('Hangzhou Xihu Instruments Co., Ltd.', 'rep.east1');
    const created = await eventually(
      () => facts(accountId),
      (f) => !!f,
    );
    expect(created).toMatchObject({ owner_id: await h.userId('rep.east1'), team_id: 'sales-east', deleted_at: null });

    const dealId = await createDeal(accountId, 'rep.east1');
    const removed = await h.customer.graphql(
      `mutation($id: ID!) { deleteAccount(id: $id) { id } }`,
      { id: accountId },
      'admin1',
    );
    expect(removed.errors).toBeUndefined();
    expect(
      await eventually(
        () => facts(accountId),
        (f) => !!f?.deleted_at,
      ),
    ).toMatchObject({ deleted_at: expect.any(Date) });
    // The deal stays and its owner still sees it; its account reads as hidden (the customer service says not found).
    const seen = await h.graphql<{ opportunity: { id: string; account: { id: string } | null } }>(
      `query($id: ID!) { opportunity(id: $id) { id account { id } } }`,
      { id: dealId },
      'rep.east1',
    );
    expect(seen.data?.opportunity).toMatchObject({ id: dealId, account: null });

    const restored = await h.customer.graphql(
      `mutation($id: ID!) { restoreAccount(id: $id) { id } }`,
      { id: accountId },
      'admin1',
    );
    expect(restored.errors).toBeUndefined();
    expect(
      await eventually(
        () => facts(accountId),
        (f) => !!f && !f.deleted_at,
      ),
    ).toMatchObject({ deleted_at: null });
  });

  it('opens a deal to whom its account is shared with, until the share is revoked', async () => {
    const accountId = await h.createAccount('Xiamen Seaside Optics Co., Ltd.', 'rep.east1');
    const dealId = await createDeal(accountId, 'rep.east1');
    const read = () =>
      h.graphql<{ opportunity: { id: string } | null }>(
        `query($id: ID!) { opportunity(id: $id) { id } }`,
        { id: dealId },
        'rep.south2',
      );
    expect((await read()).data?.opportunity ?? null).toBeNull();
    const shared = await h.customer.graphql<{ shareAccount: { id: string } }>(
      `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`,
      { input: { accountId, granteeId: await h.userId('rep.south2'), access: 'READ' } },
      'rep.east1',
    );
    expect(shared.errors).toBeUndefined();
    expect((await eventually(read, (r) => !!r.data?.opportunity)).data?.opportunity).toEqual({ id: dealId });
    // While the account is in the recycle bin the share opens nothing, in lists as in reads; restored, it does again.
    const listed = async () => {
      const res = await h.graphql<{ opportunities: { edges: { node: { id: string } }[] } }>(
        `query($accountId: ID!) { opportunities(filter: { accountId: $accountId }) { edges { node { id } } } }`,
        { accountId },
        'rep.south2',
      );
      return res.data!.opportunities.edges.map((e) => e.node.id);
    };
    expect(await listed()).toEqual([dealId]);
    const bin = (verb: 'deleteAccount' | 'restoreAccount') =>
      h.customer.graphql(`mutation($id: ID!) { ${verb}(id: $id) { id } }`, { id: accountId }, 'admin1');
    expect((await bin('deleteAccount')).errors).toBeUndefined();
    expect(await eventually(listed, (ids) => !ids.length)).toEqual([]);
    expect((await read()).data?.opportunity ?? null).toBeNull();
    expect((await bin('restoreAccount')).errors).toBeUndefined();
    expect(await eventually(listed, (ids) => ids.length > 0)).toEqual([dealId]);
    const revoked = await h.customer.graphql(
      `mutation($input: RevokeAccountGrantInput!) { revokeAccountGrant(input: $input) { id } }`,
      { input: { grantId: shared.data!.shareAccount.id } },
      'rep.east1',
    );
    expect(revoked.errors).toBeUndefined();
    expect((await eventually(read, (r) => !r.data?.opportunity)).data?.opportunity ?? null).toBeNull();
  });

  it('ignores a late older event once a newer one has been applied', async () => {
    const accountId = await h.createAccount('Ningbo Harbour Logistics Co., Ltd.', 'rep.east1');
    const current = await eventually(
      () => facts(accountId),
      (f) => !!f,
    );
    const stale: ConsumedEvent = {
      id: '0b5e7d53-4d6f-4a8e-9c3b-3f7e0b7c1a01',
      subject: 'crm.customer.account.owner_changed',
      type: 'crm.customer.v1.AccountOwnerChanged',
      aggregateId: accountId,
      aggregateSequence: Number(current!.event_seq) - 1,
      data: customerEventsV1.AccountOwnerChanged.encode({
        metadata: undefined,
        accountId,
        previousOwnerId: '',
        ownerId: await h.userId('rep.south1'),
        teamId: 'sales-south',
      }).finish(),
      headers: {},
      deliveryCount: 1,
    };
    await h.app.services.dataSource.transaction((tx) => applyCustomerEvent(stale, tx));
    expect(await facts(accountId)).toMatchObject({ owner_id: current!.owner_id, team_id: 'sales-east' });
  });

  it('moves the deals of a merged account to the winner, keeping their stage and owner', async () => {
    const winnerId = await h.createAccount('Suzhou Precision Parts Co., Ltd.', 'rep.east1');
    const loserId = await h.createAccount('Suzhou Precision Parts (duplicate)', 'rep.east1');
    const dealId = await createDeal(loserId, 'rep.east1');
    const before = await deal(dealId);
    const merged = await h.customer.graphql(
      `mutation($input: MergeAccountsInput!) { mergeAccounts(input: $input) { id } }`,
      { input: { winnerId, loserId } },
      'admin1',
    );
    expect(merged.errors).toBeUndefined();
    const after = await eventually(
      () => deal(dealId),
      (d) => d.account_id === winnerId,
    );
    expect(after).toMatchObject({ account_id: winnerId, owner_id: before.owner_id, stage_id: before.stage_id });
    expect(await facts(loserId)).toMatchObject({ merged_into_id: winnerId, deleted_at: expect.any(Date) });
    const audited = await h.app.services.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'opportunity' AND entity_id = $1 ORDER BY seq`,
      [dealId],
    );
    expect(audited.map((r: { action: string }) => r.action)).toContain('opportunity.account_merged');
  });

  it('hands an offboarded rep’s open deals and leads to their successors in one step, stage and history kept', async () => {
    const accountId = await h.createAccount('Wuxi Silicon Valley Electronics', 'rep.east2');
    const dealId = await createDeal(accountId, 'rep.east2');
    const before = await deal(dealId);
    const lead = await h.graphql<{ createLead: { id: string; ownerId: string; teamId: string } }>(
      `mutation { createLead(input: { companyName: "无锡硅谷电子", personName: "Zhou Min" }) { id ownerId teamId } }`,
      {},
      'rep.east2',
    );
    expect(lead.errors).toBeUndefined();
    const leadId = lead.data!.createLead.id;
    expect(lead.data!.createLead).toMatchObject({ ownerId: await h.userId('rep.east2'), teamId: 'sales-east' });
    const leaver = await h.userId('rep.east2');
    const offboarded = await h.customer.graphql<{
      offboardUser: { accounts: { accountId: string; newOwnerId: string | null }[] };
    }>(
      `mutation($userId: ID!) { offboardUser(userId: $userId) { accounts { accountId newOwnerId } } }`,
      { userId: leaver },
      'admin1',
    );
    expect(offboarded.errors).toBeUndefined();
    const successor = offboarded.data!.offboardUser.accounts.find((a) => a.accountId === accountId)?.newOwnerId;
    expect(successor).toBe(await h.userId('manager.east'));
    const after = await eventually(
      () => deal(dealId),
      (d) => d.owner_id !== leaver,
    );
    expect(after).toMatchObject({
      owner_id: successor,
      stage_id: before.stage_id,
      status: 'open',
      team_id: 'sales-east',
    });
    const history = await h.app.services.dataSource.query(
      `SELECT count(*)::int AS n FROM opportunity_stage_history WHERE opportunity_id = $1`,
      [dealId],
    );
    expect(history[0].n).toBe(1);
    const [leadAfter] = await h.app.services.dataSource.query(`SELECT owner_id FROM leads WHERE id = $1`, [leadId]);
    expect(leadAfter.owner_id).toBe(successor);
    const events = await h.streamEvents();
    expect(events.filter((e) => e.subject === 'crm.sales.opportunity.owner_changed')).toHaveLength(1);
    const handedOver = events
      .filter((e) => e.subject === 'crm.sales.lead.assigned' && e.aggregateId === leadId)
      .map((e) => salesEventsV1.LeadAssigned.decode(e.data))
      .filter((e) => e.previousOwnerId === leaver);
    expect(handedOver).toEqual([expect.objectContaining({ ownerId: successor, teamId: 'sales-east' })]);
  });
});
