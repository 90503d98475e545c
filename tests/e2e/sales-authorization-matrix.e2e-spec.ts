import { Metadata } from '@grpc/grpc-js';
import { salesV1 } from '@crm/contracts';
import { NotAllowedError } from '@crm/platform/errors';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { demoUser, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { CALLERS, RELATIONS, type Relation } from './sales-callers';
import { graphqlClient, type GraphQLBody } from './gateway-client';

// The authorization matrix of issue 8 for deals: each caller's relation to a deal × each operation on it, through the
// gateway (GraphQL and the two federated joins), the sales subgraph's federation entry point (_entities) and gRPC
// straight to the service. Expected answers are written out by hand from the issue's access rules ("a deal is visible
// to its owner, the owner's team managers, anyone who may read its account, and crm-admin / finance / auditor;
// editable by its owner, their managers and crm-admin"; "Opportunity.account for an account the caller cannot read
// resolves to null with an explanation in extensions"); nothing here calls the policy code.
// The customer service's own matrix (accounts) is authorization-matrix.e2e-spec.ts.

/**
 * Two deals, both rep.east1's in team sales-east:
 * - OWN_ACCOUNT: on rep.east1's own account, which rep.east1 shares read-only with rep.south2 (SHARED);
 * - MOVED_ACCOUNT: on an account crm-admin then gave to rep.south1 (team sales-south): the deal stays rep.east1's.
 */
type Deal = 'OWN_ACCOUNT' | 'MOVED_ACCOUNT';

type Op =
  | 'opportunity'
  | 'opportunities'
  | 'getOpportunity'
  | '_entities'
  | 'Opportunity.account'
  | 'Account.opportunities'
  | 'createOpportunity';
type Channel = 'gateway' | 'grpc' | 'subgraph';
const CHANNEL: Record<Op, Channel> = {
  opportunity: 'gateway',
  opportunities: 'gateway',
  getOpportunity: 'grpc',
  _entities: 'subgraph',
  'Opportunity.account': 'gateway',
  'Account.opportunities': 'gateway',
  createOpportunity: 'gateway',
};

// Answers: opportunity / getOpportunity ALLOWED or FORBIDDEN (hidden deals are refused, not reported missing);
// opportunities LISTED or NOT LISTED; _entities RESOLVED or NULL; Opportunity.account ACCOUNT, REDACTED (null, named
// in extensions.redactedFields) or NO DEAL; Account.opportunities LISTED, NOT LISTED or ACCOUNT REFUSED (the customer
// service refuses the account itself); createOpportunity (a new deal on that account) ALLOWED or FORBIDDEN.
// prettier-ignore
const EXPECTED: Record<Deal, Record<Relation, Partial<Record<Op, string>>>> = {
  OWN_ACCOUNT: {
    OWNER:      row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
    TEAMMATE:   row('FORBIDDEN', 'NOT LISTED', 'FORBIDDEN', 'NULL',     'NO DEAL',  'ACCOUNT REFUSED', 'FORBIDDEN'),
    MANAGER:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
    OTHER_TEAM: row('FORBIDDEN', 'NOT LISTED', 'FORBIDDEN', 'NULL',     'NO DEAL',  'ACCOUNT REFUSED', 'FORBIDDEN'),
    // A read share of the account opens its deals for reading, and lets the grantee start a deal of their own on it.
    SHARED:     row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
    // Finance and auditors read every deal and account, and create none.
    FINANCE:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'FORBIDDEN'),
    AUDITOR:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'FORBIDDEN'),
    ADMIN:      row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
  },
  MOVED_ACCOUNT: {
    // The deal stays its owner's, but the account is no longer theirs to read: the join is redacted.
    OWNER:      row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'REDACTED', 'ACCOUNT REFUSED', 'FORBIDDEN'),
    TEAMMATE:   row('FORBIDDEN', 'NOT LISTED', 'FORBIDDEN', 'NULL',     'NO DEAL',  'ACCOUNT REFUSED', 'FORBIDDEN'),
    // The owner's manager still sees the deal, not the other team's account.
    MANAGER:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'REDACTED', 'ACCOUNT REFUSED', 'FORBIDDEN'),
    // The account's new owner reads it, so they see its deals.
    OTHER_TEAM: row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
    SHARED:     row('FORBIDDEN', 'NOT LISTED', 'FORBIDDEN', 'NULL',     'NO DEAL',  'ACCOUNT REFUSED', 'FORBIDDEN'),
    FINANCE:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'FORBIDDEN'),
    AUDITOR:    row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'FORBIDDEN'),
    ADMIN:      row('ALLOWED',   'LISTED',     'ALLOWED',   'RESOLVED', 'ACCOUNT',  'LISTED',          'ALLOWED'),
  },
};

/** createPipeline, per caller: crm-admin only. */
const CREATE_PIPELINE: Record<Relation, string> = {
  OWNER: 'FORBIDDEN',
  TEAMMATE: 'FORBIDDEN',
  MANAGER: 'FORBIDDEN',
  OTHER_TEAM: 'FORBIDDEN',
  SHARED: 'FORBIDDEN',
  FINANCE: 'FORBIDDEN',
  AUDITOR: 'FORBIDDEN',
  ADMIN: 'ALLOWED',
};

function row(...answers: [string, string, string, string, string, string, string]): Partial<Record<Op, string>> {
  const ops: Op[] = [
    'opportunity',
    'opportunities',
    'getOpportunity',
    '_entities',
    'Opportunity.account',
    'Account.opportunities',
    'createOpportunity',
  ];
  return Object.fromEntries(ops.map((op, i) => [op, answers[i]]));
}

interface Case {
  name: string;
  relation: Relation;
  deal: Deal | null;
  op: Op | 'createPipeline';
  expected: string;
}

const CASES: Case[] = RELATIONS.flatMap((relation) => [
  ...(['OWN_ACCOUNT', 'MOVED_ACCOUNT'] as const).flatMap((deal) =>
    Object.entries(EXPECTED[deal][relation]).map(([op, expected]) => ({
      name: `${relation} (${CALLERS[relation]}) · ${deal} · ${op} · ${CHANNEL[op as Op]} → ${expected}`,
      relation,
      deal,
      op: op as Op,
      expected,
    })),
  ),
  {
    name: `${relation} (${CALLERS[relation]}) · createPipeline · gateway → ${CREATE_PIPELINE[relation]}`,
    relation,
    deal: null,
    op: 'createPipeline' as const,
    expected: CREATE_PIPELINE[relation],
  },
]);

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];
const Q = {
  createAccount: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
  createDeal: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
  createPipeline: `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
  read: `query($id: ID!) { opportunity(id: $id) { id } }`,
  list: `query($accountId: ID!) { opportunities(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }`,
  join: `query($id: ID!) { opportunity(id: $id) { id account { id name } } }`,
  accountDeals: `query($id: ID!) { account(id: $id) { id opportunities(first: 50) { edges { node { id } } } } }`,
  entities: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Opportunity { id } } }`,
};

function outcome(body: GraphQLBody<unknown>): string {
  const code = body.errors?.[0]?.extensions?.code;
  if (!body.errors?.length) return 'ALLOWED';
  return code === 'FORBIDDEN' ? 'FORBIDDEN' : `error ${String(code)}: ${body.errors[0]!.message}`;
}

describe('who may do what with a deal, through the gateway, the sales subgraph and gRPC', () => {
  let stack: Stack;
  let grpc: salesV1.SalesServiceClient;
  const client = graphqlClient(() => stack.urls.gateway);
  const deals = {} as Record<Deal, { id: string; accountId: string }>;

  beforeAll(async () => {
    stack = await startE2eStack('sales_matrix');
    grpc = createGrpcClient(salesV1.SalesServiceClient, stack.urls['sales-pipelineGrpc']!, { maxAttempts: 1 });
    await client.must('admin1', Q.createPipeline, {
      input: { name: 'Matrix pipeline', businessLine: 'Software', isDefault: true, stages },
    });
    for (const deal of ['OWN_ACCOUNT', 'MOVED_ACCOUNT'] as const) {
      const account = await client.must<{ createAccount: { account: { id: string } } }>('rep.east1', Q.createAccount, {
        input: { account: { name: `Sales Matrix ${deal} Ltd` }, duplicatePolicy: 'OVERRIDE' },
      });
      const accountId = account.createAccount.account.id;
      const created = await client.must<{ createOpportunity: { id: string } }>('rep.east1', Q.createDeal, {
        input: { name: `Matrix deal ${deal}`, accountId, amount: '50000', currency: 'CNY' },
      });
      deals[deal] = { id: created.createOpportunity.id, accountId };
    }
    await client.must('rep.east1', `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`, {
      input: { accountId: deals.OWN_ACCOUNT.accountId, granteeId: demoUser('rep.south2').id, access: 'READ' },
    });
    await client.must('admin1', `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`, {
      input: {
        id: deals.MOVED_ACCOUNT.accountId,
        account: { ownerId: demoUser('rep.south1').id, teamId: 'sales-south' },
      },
    });
    // The sales service learns of the share and the move from the customer service's events.
    const deadline = Date.now() + 30_000;
    const settled = async () => {
      const [shared, moved] = await Promise.all([
        client.gql<{ opportunity: { id: string } | null }>('rep.south2', Q.read, { id: deals.OWN_ACCOUNT.id }),
        client.gql<{ opportunity: { id: string } | null }>('rep.south1', Q.read, { id: deals.MOVED_ACCOUNT.id }),
      ]);
      return !!shared.data?.opportunity && !!moved.data?.opportunity;
    };
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error('the sales service did not apply the share and the account move');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 240_000);
  afterAll(async () => {
    grpc?.close();
    await stack?.stop();
  });

  async function run(c: Case): Promise<string> {
    const as = CALLERS[c.relation];
    if (c.op === 'createPipeline') {
      return outcome(
        await client.gql(as, Q.createPipeline, {
          input: { name: `Pipeline of ${as}`, businessLine: 'Hardware', stages },
        }),
      );
    }
    const { id, accountId } = deals[c.deal!];
    switch (c.op) {
      case 'opportunity': {
        const body = await client.gql<{ opportunity: { id: string } | null }>(as, Q.read, { id });
        if (!body.errors) expect(body.data?.opportunity?.id).toBe(id);
        return outcome(body);
      }
      case 'opportunities': {
        const body = await client.gql<{ opportunities: { edges: { node: { id: string } }[] } }>(as, Q.list, {
          accountId,
        });
        expect(body.errors).toBeUndefined();
        return body.data!.opportunities.edges.some((e) => e.node.id === id) ? 'LISTED' : 'NOT LISTED';
      }
      case 'getOpportunity': {
        const metadata = new Metadata();
        metadata.set('authorization', await client.bearer(as));
        try {
          const res = await callUnary(grpc.getOpportunity, { id }, { metadata });
          expect(res.opportunity?.id).toBe(id);
          return 'ALLOWED';
        } catch (error) {
          return error instanceof NotAllowedError ? 'FORBIDDEN' : String(error);
        }
      }
      case '_entities': {
        const body = await client.gql<{ _entities: ({ id: string } | null)[] }>(
          as,
          Q.entities,
          { r: [{ __typename: 'Opportunity', id }] },
          stack.urls['sales-pipelineGraphql'],
        );
        expect(body.errors).toBeUndefined();
        return body.data?._entities[0]?.id === id ? 'RESOLVED' : 'NULL';
      }
      case 'Opportunity.account': {
        const body = await client.gql<{ opportunity: { account: { id: string; name: string } | null } | null }>(
          as,
          Q.join,
          { id },
        );
        if (!body.data?.opportunity) return 'NO DEAL';
        const account = body.data.opportunity.account;
        const redacted = (body.extensions?.redactedFields ?? []).some(
          (r) => r.type === 'Opportunity' && r.id === id && r.field === 'account',
        );
        if (account && !redacted) {
          expect(account.id).toBe(accountId);
          return 'ACCOUNT';
        }
        if (!account && redacted) {
          expect(JSON.stringify(body)).not.toContain(`Sales Matrix ${c.deal}`);
          return 'REDACTED';
        }
        return `account ${JSON.stringify(account)}, redacted ${String(redacted)}`;
      }
      case 'Account.opportunities': {
        const body = await client.gql<{ account: { opportunities: { edges: { node: { id: string } }[] } } | null }>(
          as,
          Q.accountDeals,
          { id: accountId },
        );
        if (!body.data?.account) return 'ACCOUNT REFUSED';
        return body.data.account.opportunities.edges.some((e) => e.node.id === id) ? 'LISTED' : 'NOT LISTED';
      }
      case 'createOpportunity':
        return outcome(
          await client.gql(as, Q.createDeal, { input: { name: `Deal of ${as}`, accountId, currency: 'USD' } }),
        );
    }
  }

  it.each(CASES)('$name', async (c) => {
    expect(await run(c)).toBe(c.expected);
  });

  it(`has ${CASES.length} cases: every relation × deal × operation, and createPipeline per caller`, () => {
    expect(CASES).toHaveLength(RELATIONS.length * (2 * 7 + 1));
  });

  // Edits of the OWN_ACCOUNT deal: its editors (owner, the owner's managers, crm-admin) change its fields and its
  // contact roles; a reader (the account's grantee, finance, auditors) and everyone else is refused.
  const EDITS: Record<Relation, string> = {
    OWNER: 'ALLOWED',
    TEAMMATE: 'FORBIDDEN',
    MANAGER: 'ALLOWED',
    OTHER_TEAM: 'FORBIDDEN',
    SHARED: 'FORBIDDEN',
    FINANCE: 'FORBIDDEN',
    AUDITOR: 'FORBIDDEN',
    ADMIN: 'ALLOWED',
  };
  const editCases = RELATIONS.flatMap((relation) =>
    (['updateOpportunity', 'setOpportunityContactRoles'] as const).map((op) => ({ relation, op })),
  );

  it.each(editCases)('$relation · OWN_ACCOUNT · $op · gateway', async ({ relation, op }) => {
    const as = CALLERS[relation];
    const id = deals.OWN_ACCOUNT.id;
    const version = (
      await client.must<{ opportunity: { version: number } }>(
        'admin1',
        `query($id: ID!) { opportunity(id: $id) { version } }`,
        { id },
      )
    ).opportunity.version;
    const body =
      op === 'updateOpportunity'
        ? await client.gql<{ updateOpportunity: { nextStep: string } }>(
            as,
            `mutation($id: ID!, $input: OpportunityFieldsInput!, $v: Int!) {
               updateOpportunity(id: $id, input: $input, expectedVersion: $v) { nextStep } }`,
            { id, input: { nextStep: `Call back, by ${as}` }, v: version },
          )
        : await client.gql<{ setOpportunityContactRoles: { contactRoles: unknown[] } }>(
            as,
            `mutation($id: ID!, $v: Int) {
               setOpportunityContactRoles(id: $id, roles: [], expectedVersion: $v) { contactRoles { contactId } } }`,
            { id, v: version },
          );
    expect(outcome(body)).toBe(EDITS[relation]);
    if (!body.errors && op === 'updateOpportunity')
      expect((body.data as { updateOpportunity: { nextStep: string } }).updateOpportunity.nextStep).toBe(
        `Call back, by ${as}`,
      );
  });
});
