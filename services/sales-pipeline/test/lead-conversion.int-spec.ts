import { customerV1 } from '@crm/contracts';
import { createGrpcClient } from '@crm/platform/grpc';
import { systemActor } from '@crm/platform/auth';
import {
  describeWithKeycloak,
  serviceClient,
  spawnService,
  type ServiceClient,
  type ServiceProcess,
} from '@crm/testing';
import { grpcCustomerAccounts, type CustomerAccounts } from '@crm/platform/customer-accounts';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];
const convertLead = `mutation($input: ConvertLeadInput!) {
  convertLead(input: $input) {
    id state accountId contactId opportunityId existingAccount attempts lastError lead { status convertedAccountId }
  }
}`;

interface Conversion {
  id: string;
  state: string;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  existingAccount: boolean;
  lastError: string | null;
  lead: { status: string; convertedAccountId: string | null };
}

/** The sales service's client of the customer service, pointed at whichever customer process runs now. */
function switchableCustomer() {
  const state = { target: null as CustomerAccounts | null, beforeCreateContact: null as null | (() => Promise<void>) };
  const target = () => state.target!;
  const accounts: CustomerAccounts = {
    requireReadable: (...args) => target().requireReadable(...args),
    findDuplicateAccounts: (...args) => target().findDuplicateAccounts(...args),
    accountAccess: (...args) => target().accountAccess(...args),
    createAccount: (...args) => target().createAccount(...args),
    async createContact(...args) {
      const hook = state.beforeCreateContact;
      state.beforeCreateContact = null;
      if (hook) await hook();
      return target().createContact(...args);
    },
    close: () => target().close(),
  };
  return { state, accounts };
}

describeWithKeycloak('lead conversion', () => {
  let h: SalesHarness;
  const customer = switchableCustomer();
  let restarted: (ServiceProcess & ServiceClient<customerV1.CustomerServiceClient>) | null = null;
  const customerGraphql = <T>(query: string, variables: Record<string, unknown>) =>
    (restarted ?? h.customer).graphql<T>(query, variables, 'admin1');

  beforeAll(async () => {
    h = await startSalesHarness('sales_lead_conversion', {
      customerAccounts: (address) => {
        customer.state.target = grpcCustomerAccounts(address);
        return customer.accounts;
      },
    });
    const created = await h.graphql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: { name: 'Direct sales', businessLine: 'Direct', isDefault: true, stages },
    });
    expect(created.errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await restarted?.kill();
    await h?.stop();
  });

  async function qualifiedLead(companyName: string, personName: string): Promise<string> {
    const res = await h.graphql<{ createLead: { id: string } }>(
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`,
      { input: { companyName, personName, email: `${personName.replace(/\W/g, '')}@example.com` } },
      'rep.east1',
    );
    const id = res.data!.createLead.id;
    await h.graphql(`mutation($id: ID!) { qualifyLead(id: $id) { id } }`, { id }, 'rep.east1');
    return id;
  }

  async function convert(input: Record<string, unknown>): Promise<Conversion> {
    const res = await h.graphql<{ convertLead: Conversion }>(convertLead, { input }, 'rep.east1');
    expect(res.errors).toBeUndefined();
    return res.data!.convertLead;
  }

  /** The accounts named so in the customer service (admin's view) with their contact counts. */
  async function accountsNamed(name: string) {
    const res = await customerGraphql<{
      accounts: { edges: { node: { id: string; name: string; contacts: { totalCount: number } } }[] };
    }>(`query($s: String) { accounts(search: $s, first: 50) { edges { node { id name contacts { totalCount } } } } }`, {
      s: name,
    });
    return res.data!.accounts.edges.map((e) => e.node).filter((a) => a.name === name);
  }

  async function dealsOfLead(leadId: string): Promise<number> {
    const rows: unknown[] = await h.app.services.dataSource.query(
      `SELECT 1 FROM opportunities WHERE source_lead_id = $1`,
      [leadId],
    );
    return rows.length;
  }

  async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('offers the dedupe’s candidates, converts into the picked account with a deal, and a retry returns the same ids', async () => {
    const existing = await h.createAccount('Wuxi Precision Bearings Co., Ltd.');
    const leadId = await qualifiedLead('Wuxi Precision Bearings Co., Ltd.', 'Qian Ming');
    const candidates = await h.graphql<{ leadConversionCandidates: { accountId: string }[] }>(
      `query($id: ID!) { leadConversionCandidates(leadId: $id) { accountId name matchedOn } }`,
      { id: leadId },
      'rep.east1',
    );
    expect(candidates.data?.leadConversionCandidates.map((c) => c.accountId)).toContain(existing);
    const input = {
      leadId,
      accountChoice: { existingAccountId: existing },
      opportunity: { name: 'Bearings 2027', amount: '420000', currency: 'CNY' },
      idempotencyKey: 'convert-wuxi',
    };
    const done = await convert(input);
    expect(done).toMatchObject({
      state: 'COMPLETED',
      accountId: existing,
      existingAccount: true,
      lead: { status: 'CONVERTED', convertedAccountId: existing },
    });
    expect(done.contactId).toBeTruthy();
    expect(done.opportunityId).toBeTruthy();
    const again = await convert(input);
    expect(again).toMatchObject({ id: done.id, contactId: done.contactId, opportunityId: done.opportunityId });
    expect((await accountsNamed('Wuxi Precision Bearings Co., Ltd.'))[0].contacts.totalCount).toBe(1);
    const leadsOfAccount = await h.graphql<{ _entities: { leads: { edges: { node: { id: string } }[] } }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { leads { edges { node { id } } } } } }`,
      { r: [{ __typename: 'Account', id: existing }] },
      'rep.east1',
    );
    expect(leadsOfAccount.data?._entities[0].leads.edges.map((e) => e.node.id)).toEqual([leadId]);
    // A rep of another team sees the account's converted leads no more than the leads themselves.
    const byOther = await h.graphql<{ _entities: { leads: { totalCount: number } }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { leads { totalCount } } } }`,
      { r: [{ __typename: 'Account', id: existing }] },
      'rep.south1',
    );
    expect(byOther.data?._entities[0].leads.totalCount).toBe(0);
    expect((await h.streamEvents()).map((e) => e.subject)).toContain('crm.sales.lead.converted');
  });

  it('resumes after the customer service was killed between the account and the contact: one of each, one deal', async () => {
    const name = 'Changzhou Motors Co., Ltd.';
    const leadId = await qualifiedLead(name, 'Sun Li');
    customer.state.beforeCreateContact = () => h.customer.kill();
    const input = {
      leadId,
      accountChoice: { create: {} },
      opportunity: { name: 'Motors rollout', amount: '99000.50', currency: 'CNY' },
      idempotencyKey: 'convert-changzhou',
    };
    const halfway = await convert(input);
    expect(halfway.state).toBe('ACCOUNT_DONE');
    expect(halfway.lastError).toBeTruthy();
    expect(await dealsOfLead(leadId)).toBe(0);

    const process = await spawnService('customer', { databaseUrl: h.customerDb.url, natsUrl: h.nats.url });
    restarted = {
      ...process,
      ...serviceClient(
        createGrpcClient(customerV1.CustomerServiceClient, process.grpcAddress),
        `http://127.0.0.1:${process.httpPort}/graphql`,
      ),
    };
    customer.state.target = grpcCustomerAccounts(process.grpcAddress);
    const done = await convert(input);
    expect(done).toMatchObject({ id: halfway.id, state: 'COMPLETED', accountId: halfway.accountId });
    const accounts = await accountsNamed(name);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: done.accountId, contacts: { totalCount: 1 } });
    expect(await dealsOfLead(leadId)).toBe(1);
  });

  it('abandoned by the user, leaves no account, contact or deal once the customer service has compensated', async () => {
    const name = 'Nantong Paper Mill Co., Ltd.';
    const leadId = await qualifiedLead(name, 'Zhou Hua');
    customer.state.beforeCreateContact = () => Promise.reject(new Error('connect ECONNREFUSED (test)'));
    const halfway = await convert({ leadId, accountChoice: { create: {} }, idempotencyKey: 'convert-nantong' });
    expect(halfway.state).toBe('ACCOUNT_DONE');
    expect(await accountsNamed(name)).toHaveLength(1);
    const abandoned = await h.graphql<{ abandonLeadConversion: { state: string } }>(
      `mutation($id: ID!) { abandonLeadConversion(id: $id) { state } }`,
      { id: halfway.id },
      'rep.east1',
    );
    expect(abandoned.data?.abandonLeadConversion.state).toBe('ABANDONED');
    await h.app.flushOutbox(10_000);
    await eventually(async () => (await accountsNamed(name)).length === 0);
    expect(await dealsOfLead(leadId)).toBe(0);
    const lead = await h.graphql<{ lead: { status: string } }>(
      `query($id: ID!) { lead(id: $id) { status } }`,
      { id: leadId },
      'rep.east1',
    );
    expect(lead.data?.lead.status).toBe('QUALIFIED');
  });

  it('stuck in the middle, is abandoned by the job after its attempts and compensated', async () => {
    const name = 'Yangzhou Lamps Co., Ltd.';
    const leadId = await qualifiedLead(name, 'Wu Fang');
    customer.state.beforeCreateContact = () => Promise.reject(new Error('connect ECONNREFUSED (test)'));
    const halfway = await convert({ leadId, accountChoice: { create: {} }, idempotencyKey: 'convert-yangzhou' });
    expect(halfway.state).toBe('ACCOUNT_DONE');
    const sweep = (maxAttempts: number) =>
      h.app.services.leadConversions.sweepStuck(systemActor('test-sweep'), { staleMs: 0, maxAttempts });
    expect(await sweep(3)).toBe(0);
    expect(await sweep(3)).toBe(1);
    await h.app.flushOutbox(10_000);
    await eventually(async () => (await accountsNamed(name)).length === 0);
    const events = await h.streamEvents();
    expect(events.map((e) => e.subject)).toContain('crm.sales.lead.conversion_abandoned');
  });

  it('ends, compensated, when the lead was disqualified while the conversion waited', async () => {
    const name = 'Jiaxing Glassworks Co., Ltd.';
    const leadId = await qualifiedLead(name, 'Xu Ping');
    customer.state.beforeCreateContact = () => Promise.reject(new Error('connect ECONNREFUSED (test)'));
    const input = { leadId, accountChoice: { create: {} }, idempotencyKey: 'convert-jiaxing' };
    expect((await convert(input)).state).toBe('ACCOUNT_DONE');
    const disqualified = await h.graphql(
      `mutation($id: ID!) { disqualifyLead(id: $id, reason: BAD_TIMING) { status } }`,
      { id: leadId },
      'rep.east1',
    );
    expect(disqualified.errors).toBeUndefined();
    const retry = await h.graphql(convertLead, { input }, 'rep.east1');
    expect(retry.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    await h.app.flushOutbox(10_000);
    await eventually(async () => (await accountsNamed(name)).length === 0);
    expect(await dealsOfLead(leadId)).toBe(0);
  });

  it('into an account the rep may not edit is refused, and nothing stays open', async () => {
    // The first customer process was killed above: create the account in the one running now.
    const created = await restarted!.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: {
          account: { name: 'Foshan Ceramics Co., Ltd.', lifecycleStage: 'PROSPECT' },
          duplicatePolicy: 'OVERRIDE',
        },
      },
      'rep.south1',
    );
    const foreign = created.data!.createAccount.account.id;
    const leadId = await qualifiedLead('Foshan Ceramics', 'He Jun');
    const res = await h.graphql(
      convertLead,
      { input: { leadId, accountChoice: { existingAccountId: foreign }, idempotencyKey: 'convert-foshan' } },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const retry = await convert({ leadId, accountChoice: { create: {} }, idempotencyKey: 'convert-foshan-2' });
    expect(retry.state).toBe('COMPLETED');
  });
});
