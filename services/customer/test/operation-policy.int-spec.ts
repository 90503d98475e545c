import { Metadata } from '@grpc/grpc-js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { customerV1 } from '@crm/contracts';
import { DomainError } from '@crm/platform/errors';
import { callUnary } from '@crm/platform/grpc';
import { graphqlRootOperations, httpRoutesOf, policyCoverage } from '@crm/platform/policy';
import { clientCredentialsToken } from '@crm/testing';
import { customerTypeDefs } from '../src/graphql/schema-files';
import { customerOperationPolicy } from '../src/policy/operation-policy';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';
import { dummyCall } from './graphql-dummy-call';

// The customer service's operation matrix: every GraphQL root field, gRPC method and HTTP route, and for each kind
// of caller whether the operation's access rule lets them in (Y) or refuses them before anything runs (N). Written
// by hand from the access model (docs/security.md), not computed from policy/operation-policy.ts, so a wrong rule
// fails here. Row- and field-level outcomes per relation are the 726-case matrix of tests/e2e.
// Callers: rep.east1 (sales-rep), manager.east (sales-manager), agent1 (service-agent), service.manager
// (service-manager), finance1 (finance), auditor1 (auditor), admin1 (crm-admin), and svc: the crm-services service
// account other services call with.
const CALLERS = ['rep.east1', 'manager.east', 'agent1', 'service.manager', 'finance1', 'auditor1', 'admin1', 'svc'];

// prettier-ignore
const MATRIX: Record<string, string> = {
  //                                     rep mgr agt smg fin aud adm svc
  'graphql Query.account':               'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.accounts':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.contact':               'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.recycleBin':            'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.customFieldDefinitions':'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.customerAuditChainStatus':      'N   N   N   N   N   Y   Y   N',
  'graphql Query.customerFieldHistory':          'N   N   N   N   N   Y   Y   N',
  'graphql Query.customerAuditTrail':            'N   N   N   N   N   Y   Y   N',
  'graphql Query.poolQuota':             'Y   Y   N   N   N   N   N   N',
  'graphql Query.accountGrants':         'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.accessRequests':        'N   Y   N   Y   N   Y   Y   N',
  'graphql Query.myAccessRequests':      'Y   Y   Y   Y   N   N   N   N',
  'graphql Query._entities':             'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query._service':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.createAccount':      'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateAccount':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.deleteAccount':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.restoreAccount':     'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.mergeAccounts':      'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateAccountTerms': 'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.createContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.updateContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.deleteContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.logActivity':        'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.defineCustomField':  'N   N   N   N   N   N   Y   N',
  'graphql Mutation.archiveCustomField': 'N   N   N   N   N   N   Y   N',
  'graphql Mutation.unarchiveCustomField':'N  N   N   N   N   N   Y   N',
  'graphql Mutation.recordCustomerAuditCheckpoint':'N N   N   N   N   Y   Y   N',
  'graphql Mutation.offboardUser':       'N   N   N   N   N   N   Y   N',
  'graphql Mutation.claimAccount':       'Y   Y   N   N   N   N   N   N',
  'graphql Mutation.releaseAccount':     'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.shareAccount':       'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.revokeAccountGrant': 'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.requestAccountAccess':'Y  Y   Y   Y   N   N   N   N',
  'graphql Mutation.decideAccessRequest':'N   Y   N   Y   N   N   Y   N',
  'grpc getAccount':                     'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc batchGetAccounts':               'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc searchAccounts':                 'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc getAccountOwner':                'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc createAccount':                  'Y   Y   N   N   N   N   Y   N',
  'grpc updateAccount':                  'Y   Y   Y   Y   N   N   Y   N',
  'grpc deleteAccount':                  'Y   Y   Y   Y   N   N   Y   N',
  'grpc restoreAccount':                 'Y   Y   Y   Y   N   N   Y   N',
  'grpc logActivity':                    'Y   Y   Y   Y   N   N   Y   N',
  'grpc createContact':                  'Y   Y   N   N   N   N   Y   N',
  'grpc findDuplicateAccounts':          'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc checkAccountAccess':             'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /healthz':                   'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /readyz':                    'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /graphql':                  'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /imports/accounts':         'Y   Y   N   N   N   N   Y   N',
  'http POST /imports/contacts':         'Y   Y   N   N   N   N   Y   N',
  'http GET /exports/accounts.csv':      'N   Y   N   N   Y   N   Y   N',
};

const schema = buildSubgraphSchema([{ typeDefs: customerTypeDefs() }]);
const refusedByPolicy = (rule: unknown) => typeof rule === 'string' && rule.startsWith('operation-policy');

describe('customer operation policy (default deny)', () => {
  let harness: CustomerHarness;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    harness = await startCustomerHarness('operation_policy');
    for (const caller of CALLERS) {
      tokens.set(
        caller,
        caller === 'svc' ? (await clientCredentialsToken('crm-services')).accessToken : await harness.token(caller),
      );
    }
  });
  afterAll(() => harness?.stop());

  function operationsInCode() {
    return {
      graphql: graphqlRootOperations(schema),
      grpc: Object.keys(customerV1.CustomerServiceService),
      http: httpRoutesOf(harness.app.http),
    };
  }

  it('has a rule for every GraphQL root field, gRPC method and HTTP route the code has, and none for others', () => {
    const coverage = policyCoverage(customerOperationPolicy, operationsInCode());
    expect({ undeclared: coverage.undeclared, stale: coverage.stale }).toEqual({ undeclared: [], stale: [] });
    expect(coverage.declared).toBe(coverage.found);
  });

  it('has a row in the operation matrix for every operation the code has', () => {
    const ops = operationsInCode();
    const inCode = [
      ...ops.graphql.map((o) => `graphql ${o}`),
      ...ops.grpc.map((o) => `grpc ${o}`),
      ...ops.http.map((o) => `http ${o}`),
    ].sort();
    expect(Object.keys(MATRIX).sort()).toEqual(inCode);
  });

  /** Y: the rule let the caller in (whatever the operation then answered); N: refused by the operation policy. */
  async function outcome(operation: string, token: string): Promise<'Y' | 'N' | string> {
    const [kind, ...rest] = operation.split(' ');
    const name = rest.join(' ');
    const base = `http://127.0.0.1:${harness.app.httpPort}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (kind === 'graphql') {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify(dummyCall(schema, name)),
      });
      const body = (await res.json()) as {
        errors?: { extensions?: Record<string, unknown> }[];
        error?: Record<string, unknown>;
      };
      const ext = body.errors?.[0]?.extensions ?? body.error;
      if (ext?.code === 'UNAUTHENTICATED') return `unauthenticated: ${JSON.stringify(ext)}`;
      return refusedByPolicy(ext?.rule) ? 'N' : 'Y';
    }
    if (kind === 'grpc') {
      const method = name as keyof customerV1.CustomerServiceClient & string;
      const fn = (harness.client[method] as unknown as (...args: unknown[]) => unknown).bind(harness.client);
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      // An empty message, decoded as the server would: every field at its default.
      const request = customerV1.CustomerServiceService[
        method as keyof typeof customerV1.CustomerServiceService
      ].requestDeserialize(Buffer.alloc(0));
      try {
        await callUnary(fn as Parameters<typeof callUnary>[0], request, { metadata });
        return 'Y';
      } catch (error) {
        if (!(error instanceof DomainError)) return `not an answer of the service: ${String(error)}`;
        if (error.code === 'UNAUTHENTICATED') return `unauthenticated: ${error.message}`;
        return refusedByPolicy(error.details.rule) ? 'N' : 'Y';
      }
    }
    const [method, path] = name.split(' ');
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': path === '/graphql' ? 'application/json' : 'text/csv',
      },
      ...(method === 'POST' ? { body: path === '/graphql' ? '{"query":"{ __typename }"}' : 'name\n' } : {}),
    });
    const text = await res.text();
    if (res.status === 401) return `unauthenticated: ${text}`;
    if (res.status !== 403) return 'Y';
    return refusedByPolicy((JSON.parse(text) as { error?: { rule?: string } }).error?.rule) ? 'N' : 'Y';
  }

  it.each(Object.keys(MATRIX))('%s: each caller let in or refused as the matrix says', async (operation) => {
    const got: string[] = [];
    for (const caller of CALLERS) got.push(await outcome(operation, tokens.get(caller) as string));
    expect(got.join(' ')).toBe(MATRIX[operation].split(/\s+/).join(' '));
  });

  it('refuses a route that no rule names with 403, before any handler, even with a valid token', async () => {
    const res = await fetch(`http://127.0.0.1:${harness.app.httpPort}/imports/accounts`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.get('admin1')}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 'FORBIDDEN', rule: 'operation-policy.undeclared', operation: 'PUT /imports/accounts' },
    });
  });
});
