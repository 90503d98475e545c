import { Decimal } from 'decimal.js';
import { clientCredentialsToken, readStream, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { graphqlClient, type GraphQLBody } from './gateway-client';

// Issue 8's journey from a deal to cash, through the gateway of the deployed stack, each step as the person or system
// that takes it (leads are proved by their own capability): the rep's account, deal, line items and quote, the
// manager's approval, the customer's acceptance, the win, the contract and its signature, the payment plan, the
// finance system's payment as the crm-finance service account, and the finance system's incremental read of it all.
// The SALES stream carries the business events in the order they happened.

const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  {
    name: 'Proposal',
    kind: 'OPEN',
    probability: '60',
    forecastCategory: 'BEST_CASE',
    entryCriteria: ['amount', 'lineItems'],
  },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

interface FinanceChanges {
  financeChanges: {
    edges: {
      node: {
        kind: string;
        entityId: string;
        opportunity: { status: string; amount: { amount: string } } | null;
        contract: { status: string; value: { amount: string } | null } | null;
        payment: { externalReference: string; amount: { amount: string } } | null;
      };
    }[];
    pageInfo: { endCursor: string | null };
  };
}
const FEED = `query($after: String) {
  financeChanges(after: $after, first: 100) {
    edges { node {
      kind entityId
      opportunity { status amount { amount } }
      contract { status value { amount } }
      payment { externalReference amount { amount } }
    } }
    pageInfo { endCursor }
  }
}`;

describe('from a deal to cash, through the gateway', () => {
  let stack: Stack;
  const client = graphqlClient(() => stack.urls.gateway);
  let financeBearer: string;

  async function asFinanceSystem<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLBody<T>> {
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: financeBearer },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLBody<T>;
  }

  beforeAll(async () => {
    stack = await startE2eStack('lead_to_cash');
    financeBearer = `Bearer ${(await clientCredentialsToken('crm-finance')).accessToken}`;
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a deal from the account to the finance system, with the events in order', async () => {
    const { createPipeline } = await client.must<{ createPipeline: { stages: { id: string; kind: string }[] } }>(
      'admin1',
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { stages { id kind name } } }`,
      { input: { name: 'Enterprise software', businessLine: 'Software', isDefault: true, stages } },
    );
    const [, proposal, won] = createPipeline.stages;
    const { createProduct } = await client.must<{ createProduct: { id: string } }>(
      'finance1',
      `mutation { createProduct(input: { code: "MES-PLANT", name: "全厂MES项目 Plant-wide MES programme" }) { id } }`,
    );
    await client.must(
      'finance1',
      `mutation($id: ID!) { setPrice(productId: $id, currency: "CNY", unitPrice: "1234567.89") { id } }`,
      { id: createProduct.id },
    );

    // The rep: account, deal, line items (20 % off: above the approval threshold), a quote, into Proposal.
    const { createAccount } = await client.must<{ createAccount: { account: { id: string } } }>(
      'rep.east1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      { input: { account: { name: '苏州瑞丰智能制造有限公司' } } },
    );
    const accountId = createAccount.account.id;
    const { createOpportunity: deal } = await client.must<{ createOpportunity: { id: string; version: number } }>(
      'rep.east1',
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`,
      {
        input: {
          name: 'MES rollout – 瑞丰',
          accountId,
          currency: 'CNY',
          expectedCloseDate: today,
          idempotencyKey: 'l2c-1',
        },
      },
    );
    const priced = await client.must<{ setOpportunityLineItems: { version: number; amount: { amount: string } } }>(
      'rep.east1',
      `mutation($id: ID!, $items: [LineItemInput!]!, $v: Int!) {
        setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $v) { version amount { amount } }
      }`,
      { id: deal.id, v: deal.version, items: [{ productId: createProduct.id, quantity: '1', discountPercent: '20' }] },
    );
    // 1,234,567.89 × 0.8 = 987,654.312 → 987,654.31 (half-even to the fen; shown at the column's four decimals).
    expect(priced.setOpportunityLineItems.amount.amount).toBe('987654.31');
    await client.must(
      'rep.east1',
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
      { input: { id: deal.id, stageId: proposal!.id } },
    );
    const { createQuote: quote } = await client.must<{ createQuote: { id: string; total: { amount: string } } }>(
      'rep.east1',
      `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id total { amount } } }`,
      { input: { opportunityId: deal.id, validUntil: inDays(30), idempotencyKey: 'l2c-quote-1' } },
    );
    expect(quote.total.amount).toBe('987654.31');
    const submitted = await client.must<{ submitQuote: { status: string } }>(
      'rep.east1',
      `mutation($id: ID!) { submitQuote(id: $id) { status } }`,
      { id: quote.id },
    );
    expect(submitted.submitQuote.status).toBe('SUBMITTED');

    // The manager decides from "My day"; the customer accepts; the rep wins the deal and makes the contract.
    const waiting = await client.must<{ quotesAwaitingMyApproval: { edges: { node: { id: string } }[] } }>(
      'manager.east',
      `{ quotesAwaitingMyApproval { edges { node { id } } } }`,
    );
    expect(waiting.quotesAwaitingMyApproval.edges.map((e) => e.node.id)).toEqual([quote.id]);
    await client.must('manager.east', `mutation($id: ID!) { approveQuote(id: $id, comment: "同意") { id } }`, {
      id: quote.id,
    });
    await client.must('rep.east1', `mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    const closed = await client.must<{ moveOpportunityStage: { status: string } }>(
      'rep.east1',
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { status } }`,
      { input: { id: deal.id, stageId: won!.id } },
    );
    expect(closed.moveOpportunityStage.status).toBe('WON');
    const { createContract: contract } = await client.must<{
      createContract: { id: string; value: { amount: string; currencyCode: string } };
    }>(
      'rep.east1',
      `mutation($input: CreateContractInput!) { createContract(input: $input) { id value { amount currencyCode } } }`,
      { input: { quoteId: quote.id, startOn: today, termMonths: 24, idempotencyKey: 'l2c-contract-1' } },
    );
    expect(contract.value).toEqual({ amount: '987654.31', currencyCode: 'CNY' });
    await client.must('rep.east1', `mutation($id: ID!, $on: Date!) { signContract(id: $id, signedOn: $on) { id } }`, {
      id: contract.id,
      on: today,
    });
    const plan = await client.must<{
      setPaymentPlan: { instalments: { id: string }[]; unplanned: { amount: string } };
    }>(
      'rep.east1',
      `mutation($id: ID!, $i: [InstalmentInput!]!) {
        setPaymentPlan(contractId: $id, instalments: $i, expectedVersion: 0) { instalments { id } unplanned { amount } }
      }`,
      {
        id: contract.id,
        i: [
          { dueOn: inDays(5), amount: '296296.29' },
          { dueOn: inDays(95), amount: '691358.02' },
        ],
      },
    );
    expect(new Decimal(plan.setPaymentPlan.unplanned.amount).isZero()).toBe(true);

    // The finance system pays the first instalment, twice (a retry): one payment.
    const payment = {
      contractId: contract.id,
      instalmentId: plan.setPaymentPlan.instalments[0]!.id,
      externalReference: 'U8-PAY-2026-000417',
      amount: '296296.29',
      currency: 'CNY',
      receivedAt: new Date().toISOString(),
    };
    const payMutation = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;
    const paid = await asFinanceSystem<{ recordPayment: { id: string } }>(payMutation, { input: payment });
    expect(paid.errors).toBeUndefined();
    const again = await asFinanceSystem<{ recordPayment: { id: string } }>(payMutation, { input: payment });
    expect(again.data?.recordPayment.id).toBe(paid.data!.recordPayment.id);
    const status = await client.must<{ paymentPlan: { instalments: { status: string }[] } }>(
      'rep.east1',
      `query($id: ID!) { paymentPlan(contractId: $id) { instalments { status } } }`,
      { id: contract.id },
    );
    expect(status.paymentPlan.instalments.map((i) => i.status)).toEqual(['PAID', 'SCHEDULED']);

    // The finance system's sync sees the won deal, the contract (created, then signed) and the payment, once each.
    let feed: FinanceChanges['financeChanges']['edges'] = [];
    const deadline = Date.now() + 20_000;
    while (feed.length < 4 && Date.now() < deadline) {
      const page = await asFinanceSystem<FinanceChanges>(FEED, { after: null });
      expect(page.errors).toBeUndefined();
      feed = page.data!.financeChanges.edges;
      if (feed.length < 4) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(feed.map((e) => `${e.node.kind} ${e.node.entityId}`)).toEqual([
      `WON_DEAL ${deal.id}`,
      `CONTRACT ${contract.id}`,
      `CONTRACT ${contract.id}`,
      `PAYMENT ${paid.data!.recordPayment.id}`,
    ]);
    expect(feed[0]!.node.opportunity).toEqual({ status: 'WON', amount: { amount: '987654.31' } });
    expect(feed[2]!.node.contract).toEqual({ status: 'SIGNED', value: { amount: '987654.31' } });
    expect(feed[3]!.node.payment).toEqual({
      externalReference: 'U8-PAY-2026-000417',
      amount: { amount: '296296.29' },
    });

    // The SALES stream, in the order things happened (the outbox relays within a second or so).
    const expected = [
      `crm.sales.opportunity.created ${deal.id}`,
      `crm.sales.opportunity.stage_changed ${deal.id}`,
      `crm.sales.quote.submitted ${quote.id}`,
      `crm.sales.quote.approved ${quote.id}`,
      `crm.sales.opportunity.stage_changed ${deal.id}`,
      `crm.sales.opportunity.won ${deal.id}`,
      `crm.sales.contract.signed ${contract.id}`,
      `crm.sales.payment.recorded ${paid.data!.recordPayment.id}`,
    ];
    let events: string[] = [];
    const eventsDeadline = Date.now() + 20_000;
    while (events.length < expected.length && Date.now() < eventsDeadline) {
      events = (await readStream(stack.natsUrl, 'SALES')).map((e) => `${e.subject} ${e.aggregateId}`);
      if (events.length < expected.length) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(events).toEqual(expected);
  }, 180_000);
});
