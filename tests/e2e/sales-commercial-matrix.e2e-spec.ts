import { clientCredentialsToken, demoUser, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { CALLERS, RELATIONS, type Relation } from './sales-callers';
import { graphqlClient, type GraphQLBody } from './gateway-client';

// The authorization matrix of issue 8 for the commercial relations, through the gateway: a contract's value and
// payment plan (field level), quote approval, finance write-back by service account, forecasts and the kanban board's
// totals. Expected answers are written out by hand from the access rules of docs/sales-pipeline.md and docs/security.md
// ("finance, crm-admin, the contract's owner and the managers of its team see Contract.value; other readers get null
// and extensions.redactedFields"; "approveQuote: a manager of the deal owner's team or crm-admin, never the owner";
// "a rep sees their own forecast, a manager their team's"); nothing here calls the policy code.

type Op =
  | 'Contract.value'
  | 'Contract.paymentPlan'
  | 'quote'
  | 'approveQuote'
  | 'recordPayment'
  | 'forecast(rep)'
  | 'forecast(team)'
  | 'pipelineBoard';
const OPS: Op[] = [
  'Contract.value',
  'Contract.paymentPlan',
  'quote',
  'approveQuote',
  'recordPayment',
  'forecast(rep)',
  'forecast(team)',
  'pipelineBoard',
];

// Contract.value / paymentPlan: SHOWN, REDACTED (null and named in extensions.redactedFields) or HIDDEN (the caller
// may not see the deal: null or FORBIDDEN, as for the deal itself); quote: SHOWN or HIDDEN (the same); approveQuote,
// recordPayment: ALLOWED or FORBIDDEN; forecast(rep) is rep.east1's, forecast(team) sales-east's: FIGURES (with rep.east1's deals) or FORBIDDEN;
// pipelineBoard: the first column's count and total over the deals the caller sees (see the fixture below).
// prettier-ignore
const EXPECTED: Record<Relation, Record<Op, string>> = {
  OWNER:      row('SHOWN',    'SHOWN',    'SHOWN',  'FORBIDDEN', 'FORBIDDEN', 'FIGURES',   'FORBIDDEN', '1 · 8000.00'),
  TEAMMATE:   row('HIDDEN',   'HIDDEN',   'HIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', '0 · 0.00'),
  MANAGER:    row('SHOWN',    'SHOWN',    'SHOWN',  'ALLOWED',   'FORBIDDEN', 'FIGURES',   'FIGURES',   '1 · 8000.00'),
  OTHER_TEAM: row('HIDDEN',   'HIDDEN',   'HIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', '1 · 1234567.89'),
  // A read share of the account opens its deals and contracts, not the contract's money.
  SHARED:     row('REDACTED', 'REDACTED', 'SHOWN',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', '1 · 8000.00'),
  FINANCE:    row('SHOWN',    'SHOWN',    'SHOWN',  'FORBIDDEN', 'ALLOWED',   'FIGURES',   'FIGURES',   '2 · 1242567.89'),
  // Auditors read every deal, never the contract's money.
  AUDITOR:    row('REDACTED', 'REDACTED', 'SHOWN',  'FORBIDDEN', 'FORBIDDEN', 'FIGURES',   'FIGURES',   '2 · 1242567.89'),
  ADMIN:      row('SHOWN',    'SHOWN',    'SHOWN',  'ALLOWED',   'ALLOWED',   'FIGURES',   'FIGURES',   '2 · 1242567.89'),
};

/** recordPayment by the two service accounts: the finance system may write back, the other services may not. */
const SERVICE_ACCOUNTS = { 'crm-finance': 'ALLOWED', 'crm-services': 'FORBIDDEN' } as const;

function row(...answers: string[]): Record<Op, string> {
  return Object.fromEntries(OPS.map((op, i) => [op, answers[i]!])) as Record<Op, string>;
}

/** A whole amount as a decimal string, whatever its scale ('2850', '2850.00', '2850.0000'). */
const decimal = (whole: string): unknown => expect.stringMatching(new RegExp(`^${whole}(\\.0+)?$`));

const CASES = RELATIONS.flatMap((relation) =>
  OPS.map((op) => ({
    name: `${relation} (${CALLERS[relation]}) · ${op} → ${EXPECTED[relation][op]}`,
    relation,
    op,
    expected: EXPECTED[relation][op],
  })),
);

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const month = { kind: 'MONTH', start: `${today.slice(0, 7)}-01` };

const Q = {
  account: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
  deal: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`,
  lines: `mutation($id: ID!, $items: [LineItemInput!]!, $v: Int!) {
    setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $v) { id version }
  }`,
  quote: `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
  submit: `mutation($id: ID!) { submitQuote(id: $id) { id status } }`,
  approve: `mutation($id: ID!) { approveQuote(id: $id, comment: "ok") { id status } }`,
  contract: `query($id: ID!) {
    contract(id: $id) { id value { amount currencyCode } paymentPlan { instalments { amount { amount } } } }
  }`,
  readQuote: `query($id: ID!) { quote(id: $id) { id total { amount } } }`,
  payment: `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
  forecast: `query($period: ForecastPeriodInput!, $scope: ForecastScopeInput!) {
    forecast(period: $period, scope: $scope) { reps { ownerId figures { closed { amount } pipeline { amount } } } }
  }`,
  board: `query($id: ID!) { pipelineBoard(pipelineId: $id, perColumn: 10) { columns { count total { amount } } } }`,
};

/** A record the caller may not see: null, or refused like a hidden deal. */
function hidden(body: GraphQLBody<unknown>): string {
  return !body.errors?.length || refusal(body) === 'FORBIDDEN' ? 'HIDDEN' : refusal(body);
}

function refusal(body: GraphQLBody<unknown>): string {
  if (!body.errors?.length) return 'ALLOWED';
  const code = body.errors[0]!.extensions?.code;
  return code === 'FORBIDDEN' ? 'FORBIDDEN' : `error ${String(code)}: ${body.errors[0]!.message}`;
}

describe('who sees and moves the money of a deal, through the gateway', () => {
  let stack: Stack;
  const client = graphqlClient(() => stack.urls.gateway);
  let pipelineId: string;
  let approvalDeal: string;
  let contractId: string;
  let quoteId: string;
  let payments = 0;

  /** A new quote version of the approval deal, submitted above the threshold: waiting for a manager. */
  async function submittedQuote(): Promise<string> {
    const { createQuote } = await client.must<{ createQuote: { id: string } }>('rep.east1', Q.quote, {
      input: { opportunityId: approvalDeal, validUntil: inDays(30) },
    });
    const { submitQuote } = await client.must<{ submitQuote: { status: string } }>('rep.east1', Q.submit, {
      id: createQuote.id,
    });
    expect(submitQuote.status).toBe('SUBMITTED');
    return createQuote.id;
  }

  beforeAll(async () => {
    stack = await startE2eStack('sales_money');
    const created = await client.must<{ createPipeline: { id: string } }>(
      'admin1',
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
      { input: { name: 'Money matrix', businessLine: 'Software', isDefault: true, stages } },
    );
    pipelineId = created.createPipeline.id;
    const { createProduct } = await client.must<{ createProduct: { id: string } }>(
      'finance1',
      `mutation { createProduct(input: { code: "LIC-1", name: "年度许可 Annual licence" }) { id } }`,
    );
    await client.must(
      'finance1',
      `mutation($id: ID!) { setPrice(productId: $id, currency: "CNY", unitPrice: "1000.00") { id } }`,
      {
        id: createProduct.id,
      },
    );
    const account = async (as: string, name: string) =>
      (
        await client.must<{ createAccount: { account: { id: string } } }>(as, Q.account, {
          input: { account: { name }, duplicatePolicy: 'OVERRIDE' },
        })
      ).createAccount.account.id;
    const eastAccount = await account('rep.east1', '上海东方精工有限公司');
    const southAccount = await account('rep.south1', 'Pearl River Instruments Ltd');
    await client.must('rep.east1', `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`, {
      input: { accountId: eastAccount, granteeId: demoUser('rep.south2').id, access: 'READ' },
    });
    const deal = async (as: string, accountId: string, name: string, amount?: string) =>
      (
        await client.must<{ createOpportunity: { id: string; version: number } }>(as, Q.deal, {
          input: { name, accountId, amount, currency: 'CNY', expectedCloseDate: today },
        })
      ).createOpportunity;
    const priced = async (id: string, version: number, quantity: string, discountPercent: string) =>
      client.must('rep.east1', Q.lines, {
        id,
        v: version,
        items: [{ productId: createProduct.id, quantity, discountPercent }],
      });

    // The approval deal stays open in the first column: 10 × 1000.00 less 20 % = 8000.00.
    const approval = await deal('rep.east1', eastAccount, 'Approval deal');
    approvalDeal = approval.id;
    await priced(approval.id, approval.version, '10', '20');
    quoteId = await submittedQuote();
    // rep.south1's own open deal beside it.
    await deal('rep.south1', southAccount, 'South deal', '1234567.89');

    // The contract deal: 3 × 1000.00 less 5 % = 2850.00, quoted (approved at once), accepted, won, contracted, planned.
    const won = await deal('rep.east1', eastAccount, 'Contract deal');
    await priced(won.id, won.version, '3', '5');
    const { createQuote } = await client.must<{ createQuote: { id: string } }>('rep.east1', Q.quote, {
      input: { opportunityId: won.id, validUntil: inDays(30) },
    });
    await client.must('rep.east1', Q.submit, { id: createQuote.id });
    await client.must('rep.east1', `mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id: createQuote.id });
    const wonStage = (
      await client.must<{ pipeline: { stages: { id: string; kind: string }[] } }>(
        'rep.east1',
        `query($id: ID!) { pipeline(id: $id) { stages { id kind } } }`,
        { id: pipelineId },
      )
    ).pipeline.stages.find((s) => s.kind === 'WON')!;
    await client.must(
      'rep.east1',
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
      {
        input: { id: won.id, stageId: wonStage.id },
      },
    );
    const { createContract } = await client.must<{ createContract: { id: string } }>(
      'rep.east1',
      `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`,
      { input: { quoteId: createQuote.id, startOn: today, termMonths: 12 } },
    );
    contractId = createContract.id;
    await client.must('rep.east1', `mutation($id: ID!, $on: Date!) { signContract(id: $id, signedOn: $on) { id } }`, {
      id: contractId,
      on: today,
    });
    await client.must(
      'rep.east1',
      `mutation($id: ID!, $i: [InstalmentInput!]!) { setPaymentPlan(contractId: $id, instalments: $i, expectedVersion: 0) { version } }`,
      {
        id: contractId,
        i: [
          { dueOn: inDays(10), amount: '1000.00' },
          { dueOn: inDays(40), amount: '1850.00' },
        ],
      },
    );

    // The sales service learns of the share from the customer service's events.
    const deadline = Date.now() + 30_000;
    while (!(await client.gql<{ quote: unknown }>('rep.south2', Q.readQuote, { id: quoteId })).data?.quote) {
      if (Date.now() > deadline) throw new Error('the sales service did not apply the share');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });

  async function moneyField(as: string, field: 'value' | 'paymentPlan'): Promise<string> {
    const body = await client.gql<{ contract: Record<string, unknown> | null }>(as, Q.contract, { id: contractId });
    if (!body.data?.contract) return hidden(body);
    const redacted = (body.extensions?.redactedFields ?? []).some(
      (r) => r.type === 'Contract' && r.id === contractId && r.field === field,
    );
    const shown = body.data.contract[field];
    if (shown && !redacted) {
      // Contract and instalment amounts come with the column's four decimals: compared as numbers.
      if (field === 'value') expect(shown).toEqual({ amount: decimal('2850'), currencyCode: 'CNY' });
      else
        expect(shown).toEqual({
          instalments: [{ amount: { amount: decimal('1000') } }, { amount: { amount: decimal('1850') } }],
        });
      return 'SHOWN';
    }
    if (!shown && redacted) {
      expect(JSON.stringify(body.data)).not.toContain('2850');
      return 'REDACTED';
    }
    return `${field} ${JSON.stringify(shown)}, redacted ${String(redacted)}`;
  }

  async function forecast(as: string, scope: Record<string, string>): Promise<string> {
    const body = await client.gql<{
      forecast: { reps: { ownerId: string; figures: { closed: { amount: string }; pipeline: { amount: string } } }[] };
    }>(as, Q.forecast, { period: month, scope });
    if (body.errors?.length) return refusal(body);
    const east1 = body.data!.forecast.reps.find((r) => r.ownerId === demoUser('rep.east1').id);
    // rep.east1 won 2850.00 this month and has 8000.00 open closing this month.
    expect(east1?.figures).toEqual({ closed: { amount: '2850.00' }, pipeline: { amount: '8000.00' } });
    return 'FIGURES';
  }

  async function run(relation: Relation, op: Op): Promise<string> {
    const as = CALLERS[relation];
    switch (op) {
      case 'Contract.value':
        return moneyField(as, 'value');
      case 'Contract.paymentPlan':
        return moneyField(as, 'paymentPlan');
      case 'quote': {
        const body = await client.gql<{ quote: { id: string } | null }>(as, Q.readQuote, { id: quoteId });
        return body.data?.quote ? 'SHOWN' : hidden(body);
      }
      case 'approveQuote': {
        const id = await submittedQuote();
        const body = await client.gql<{ approveQuote: { status: string } }>(as, Q.approve, { id });
        if (!body.errors?.length) expect(body.data?.approveQuote.status).toBe('APPROVED');
        return refusal(body);
      }
      case 'recordPayment':
        return refusal(await recordPayment(await client.bearer(as)));
      case 'forecast(rep)':
        return forecast(as, { ownerId: demoUser('rep.east1').id });
      case 'forecast(team)':
        return forecast(as, { teamId: 'sales-east' });
      case 'pipelineBoard': {
        const body = await client.gql<{
          pipelineBoard: { columns: { count: number; total: { amount: string } | null }[] };
        }>(as, Q.board, { id: pipelineId });
        if (body.errors?.length) return refusal(body);
        const first = body.data!.pipelineBoard.columns[0]!;
        return `${first.count} · ${first.total?.amount ?? 'null'}`;
      }
    }
  }

  async function recordPayment(bearer: string): Promise<GraphQLBody<unknown>> {
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer },
      body: JSON.stringify({
        query: Q.payment,
        variables: {
          input: {
            contractId,
            externalReference: `ERP-PAY-${++payments}`,
            amount: '10.00',
            currency: 'CNY',
            receivedAt: new Date().toISOString(),
          },
        },
      }),
    });
    return (await res.json()) as GraphQLBody<unknown>;
  }

  it.each(CASES)('$name', async (c) => {
    expect(await run(c.relation, c.op)).toBe(c.expected);
  });

  it.each(Object.entries(SERVICE_ACCOUNTS))(
    'recordPayment as the %s service account → %s',
    async (clientId, expected) => {
      const token = await clientCredentialsToken(clientId);
      expect(refusal(await recordPayment(`Bearer ${token.accessToken}`))).toBe(expected);
    },
  );

  it(`has ${CASES.length} cases: every relation × operation`, () => {
    expect(CASES).toHaveLength(RELATIONS.length * OPS.length);
  });
});
