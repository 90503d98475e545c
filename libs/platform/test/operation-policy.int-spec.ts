import type { Server } from 'node:http';
import express, { Router } from 'express';
import { buildSchema, graphql } from 'graphql';
import { UnauthenticatedError } from '../src/errors';
import type { Principal } from '../src/auth/principal';
import {
  admits,
  andClients,
  enforceGraphqlPolicy,
  graphqlRootOperations,
  httpPolicyGate,
  httpRoutesOf,
  policyCoverage,
  publicAccess,
  rolesMay,
} from '../src/policy';

const rep = { roles: ['sales-rep'] };
const admin = { roles: ['crm-admin'] };

describe('access rules', () => {
  it('let in a caller holding one of the roles, or a service account of a named client', () => {
    const rule = andClients(rolesMay('sales-rep', 'crm-admin'), 'crm-services');
    expect(admits(rule, rep)).toBe(true);
    expect(admits(rule, { roles: ['finance'] })).toBe(false);
    expect(admits(rule, { roles: [], clientId: 'crm-services' })).toBe(true);
    expect(admits(rule, { roles: [], clientId: 'crm-portal' })).toBe(false);
    expect(admits(rule, null)).toBe(false);
    expect(admits(publicAccess, null)).toBe(true);
  });

  it('compare the operations of the code with the table both ways', () => {
    const coverage = policyCoverage(
      { graphql: { 'Query.a': publicAccess, 'Query.gone': publicAccess }, grpc: {}, http: {} },
      { graphql: ['Query.a', 'Mutation.b'], grpc: ['getThing'], http: [] },
    );
    expect(coverage).toEqual({
      undeclared: ['graphql Mutation.b', 'grpc getThing'],
      stale: ['graphql Query.gone'],
      declared: 1,
      found: 3,
    });
  });
});

describe('GraphQL root fields behind the policy', () => {
  const schema = enforceGraphqlPolicy(
    buildSchema('type Query { open: String, forAdmins: String, forgotten: String } type Mutation { change: String }'),
    {
      'Query.open': rolesMay('sales-rep', 'crm-admin'),
      'Query.forAdmins': rolesMay('crm-admin'),
      'Mutation.change': rolesMay('crm-admin'),
    },
    (ctx: { caller: { roles: string[] } | null }) => ctx.caller,
  );
  const rootValue = { open: 'o', forAdmins: 'a', forgotten: 'f', change: 'c' };
  const run = (source: string, caller: { roles: string[] } | null) =>
    graphql({ schema, source, rootValue, contextValue: { caller } });

  it('lists every root field, mutations included', () => {
    expect(graphqlRootOperations(schema)).toEqual([
      'Query.open',
      'Query.forAdmins',
      'Query.forgotten',
      'Mutation.change',
    ]);
  });

  it('answers a field the rule admits the caller to', async () => {
    expect((await run('{ open forAdmins }', admin)).data).toEqual({ open: 'o', forAdmins: 'a' });
  });

  it('refuses a field whose rule does not admit the caller, and still answers the others', async () => {
    const result = await run('{ open forAdmins }', rep);
    expect(result.data).toEqual({ open: 'o', forAdmins: null });
    expect(result.errors?.[0]?.originalError).toMatchObject({
      code: 'FORBIDDEN',
      details: { operation: 'Query.forAdmins', rule: 'operation-policy.roles' },
    });
  });

  it('refuses a field no rule names, whoever asks (default deny)', async () => {
    const result = await run('{ forgotten }', admin);
    expect(result.data).toEqual({ forgotten: null });
    expect(result.errors?.[0]?.originalError).toMatchObject({
      code: 'FORBIDDEN',
      details: { operation: 'Query.forgotten', rule: 'operation-policy.undeclared' },
    });
  });

  it('asks a caller without a token to sign in', async () => {
    const result = await run('mutation { change }', null);
    expect(result.errors?.[0]?.originalError).toBeInstanceOf(UnauthenticatedError);
  });
});

describe('HTTP routes behind the policy gate', () => {
  let server: Server;
  let base: string;
  const app = express();
  const handled: string[] = [];
  const tokens: Record<string, Principal> = {
    rep: { subject: 'rep', roles: ['sales-rep'], groups: [] },
    admin: { subject: 'admin', roles: ['crm-admin'], groups: [] },
  };
  app.use(
    httpPolicyGate(
      {
        'GET /healthz': publicAccess,
        'POST /imports/accounts': rolesMay('sales-rep', 'crm-admin'),
        'DELETE /items/:id': rolesMay('crm-admin'),
      },
      async (req) => {
        const principal = tokens[String(req.headers.authorization)];
        if (!principal) throw new UnauthenticatedError('no valid token');
        return principal;
      },
    ),
  );
  const router = Router();
  router.get('/healthz', (_req, res) => void res.send('ok'));
  router.post(
    '/imports/accounts',
    (_req, res) => void (handled.push('import'), res.json({ by: res.locals.principal.subject })),
  );
  router.delete('/items/:id', (req, res) => void (handled.push(`delete ${req.params.id}`), res.sendStatus(204)));
  router.post('/forgotten', (_req, res) => void (handled.push('forgotten'), res.sendStatus(200)));
  app.use(router);

  beforeAll(async () => {
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (method: string, path: string, token?: string) =>
    fetch(`${base}${path}`, { method, headers: token ? { authorization: token } : {} });

  it('finds every route of the app, those of mounted routers included', () => {
    expect(httpRoutesOf(app).sort()).toEqual(
      ['DELETE /items/:id', 'GET /healthz', 'POST /forgotten', 'POST /imports/accounts'].sort(),
    );
  });

  it('lets anyone reach a public route, and a caller with the role reach theirs, principal in hand', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect(await (await call('POST', '/imports/accounts', 'rep')).json()).toEqual({ by: 'rep' });
    expect((await call('DELETE', '/items/42', 'admin')).status).toBe(204);
  });

  it('answers 401 without a valid token and 403 without the role, before the route runs', async () => {
    handled.length = 0;
    expect((await call('POST', '/imports/accounts')).status).toBe(401);
    const refused = await call('DELETE', '/items/42', 'rep');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: 'FORBIDDEN', operation: 'DELETE /items/:id', rule: 'operation-policy.roles' },
    });
    expect(handled).toEqual([]);
  });

  it('refuses a route no rule names with 403, whoever asks (default deny)', async () => {
    handled.length = 0;
    const refused = await call('POST', '/forgotten', 'admin');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { rule: 'operation-policy.undeclared' } });
    expect(handled).toEqual([]);
  });
});
