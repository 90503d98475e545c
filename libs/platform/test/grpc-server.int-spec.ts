import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { customerV1, healthV1 } from '@crm/contracts';
import { InputError, NotAllowedError, NotFoundError, UnauthenticatedError } from '../src/errors';
import { publicAccess, rolesMay } from '../src/policy';
import { createLogger, runWithRequestContext } from '../src/logging';
import {
  bindGrpcServer,
  callUnary,
  createGrpcClient,
  createGrpcServer,
  GrpcStatusError,
  requirePrincipal,
  type Authenticate,
  type CrmGrpcServer,
  type ServiceHandlers,
} from '../src/grpc';

const { SERVING, NOT_SERVING } = healthV1.HealthCheckResponse_ServingStatus;
type Handlers = ServiceHandlers<typeof customerV1.CustomerServiceService>;

const unimplemented = async (): Promise<never> => {
  throw new GrpcStatusError(status.UNIMPLEMENTED, 'not used by this test');
};

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('grpc-test', {}, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

// Tokens are 'Bearer <subject>' in this test; the JWT verifier is a later concern.
const authenticate: Authenticate = async (metadata) => {
  const header = metadata.get('authorization')[0];
  if (typeof header !== 'string') return null;
  if (header === 'Bearer expired') throw new UnauthenticatedError('token expired');
  const subject = header.replace(/^Bearer /, '');
  return { subject, roles: ['sales-rep'], groups: [], token: subject };
};

function rawGetAccountOwner(client: customerV1.CustomerServiceClient, accountId: string): Promise<ServiceError> {
  return new Promise((resolve, reject) =>
    client.getAccountOwner({ accountId }, (error) =>
      error ? resolve(error) : reject(new Error('expected a failure')),
    ),
  );
}

describe('gRPC server', () => {
  const { logger, lines } = logSink();
  let databaseUp = true;
  let server: CrmGrpcServer;
  let address: string;
  let client: customerV1.CustomerServiceClient;
  let health: healthV1.HealthClient;
  let slowCallAborted: Promise<void>;

  beforeAll(async () => {
    server = createGrpcServer({
      logger,
      checks: [
        {
          name: 'database',
          check: async () => {
            if (!databaseUp) throw new Error('connection refused');
          },
        },
      ],
    });
    let markSlowAborted: () => void = () => undefined;
    slowCallAborted = new Promise((resolve) => (markSlowAborted = resolve));

    const handlers: Handlers = {
      getAccount: unimplemented,
      batchGetAccounts: unimplemented,
      searchAccounts: unimplemented,
      createAccount: unimplemented,
      updateAccount: unimplemented,
      deleteAccount: unimplemented,
      restoreAccount: unimplemented,
      logActivity: unimplemented,
      createContact: unimplemented,
      findDuplicateAccounts: unimplemented,
      checkAccountAccess: unimplemented,
      async getAccountOwner({ accountId }, ctx) {
        switch (accountId) {
          case 'missing':
            throw new NotFoundError('Account', 'missing');
          case 'bad':
            throw InputError.single(['account', 'emails', 2], 'email', 'is not an email address');
          case 'boom':
            throw new Error('password=hunter2 leaked by a driver');
          case 'slow':
            await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
            markSlowAborted();
            return { accountId, ownerId: '', teamId: '' };
          case 'whoami':
            return { accountId, ownerId: requirePrincipal(ctx).subject, teamId: ctx.requestId };
          case 'relay':
            // A handler calling the next service: the request id and token must travel on by themselves.
            return callUnary(client.getAccountOwner, { accountId: 'whoami' });
          default:
            return { accountId, ownerId: 'owner-1', teamId: 'team-1' };
        }
      },
    };
    // This test service answers getAccountOwner to anyone; getAccount is for crm-admin; every other method is left
    // out of the policy, so it is refused before its handler runs.
    server.implement(customerV1.CustomerServiceService, handlers, {
      authenticate,
      policy: { getAccountOwner: publicAccess, getAccount: rolesMay('crm-admin') },
    });
    const port = await bindGrpcServer(server, '127.0.0.1:0');
    address = `127.0.0.1:${port}`;
    client = createGrpcClient(customerV1.CustomerServiceClient, address);
    health = createGrpcClient(healthV1.HealthClient, address);
  });

  afterAll(() => {
    client.close();
    health.close();
    server.forceShutdown();
  });

  describe('health protocol', () => {
    it('answers SERVING for the server and for each service while the readiness checks pass', async () => {
      databaseUp = true;
      expect(await callUnary(health.check, { service: '' })).toEqual({ status: SERVING });
      expect(await callUnary(health.check, { service: 'crm.customer.v1.CustomerService' })).toEqual({
        status: SERVING,
      });
    });

    it('answers NOT_SERVING while a readiness check fails', async () => {
      databaseUp = false;
      try {
        expect(await callUnary(health.check, { service: '' })).toEqual({ status: NOT_SERVING });
        expect(await callUnary(health.check, { service: 'crm.customer.v1.CustomerService' })).toEqual({
          status: NOT_SERVING,
        });
      } finally {
        databaseUp = true;
      }
      expect(await callUnary(health.check, { service: '' })).toEqual({ status: SERVING });
    });

    it('answers NOT_FOUND for a service it does not serve', async () => {
      await expect(callUnary(health.check, { service: 'crm.nope.v1.Nope' })).rejects.toMatchObject({
        code: status.NOT_FOUND,
      });
    });
  });

  describe('errors', () => {
    it('maps bad input to INVALID_ARGUMENT and the client gets the InputError back with its field path', async () => {
      const raw = await rawGetAccountOwner(client, 'bad');
      expect(raw.code).toBe(status.INVALID_ARGUMENT);

      const error = await callUnary(client.getAccountOwner, { accountId: 'bad' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).violations).toEqual([
        { path: ['account', 'emails', 2], rule: 'email', message: 'is not an email address' },
      ]);
    });

    it('maps NotFoundError to NOT_FOUND', async () => {
      expect((await rawGetAccountOwner(client, 'missing')).code).toBe(status.NOT_FOUND);
      await expect(callUnary(client.getAccountOwner, { accountId: 'missing' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('maps an unexpected error to INTERNAL without sending its message, and logs its stack', async () => {
      const raw = await rawGetAccountOwner(client, 'boom');
      expect(raw.code).toBe(status.INTERNAL);
      expect(raw.details).toBe('internal error');
      expect(JSON.stringify(raw)).not.toContain('hunter2');

      const logged = lines.find((line) => line.msg === 'grpc handler failed');
      expect(logged).toMatchObject({ level: 'error', method: '/crm.customer.v1.CustomerService/GetAccountOwner' });
      expect(String((logged?.err as { stack?: string }).stack)).toContain('leaked by a driver');
    });

    it('maps an authentication failure to UNAUTHENTICATED', async () => {
      const metadata = new Metadata();
      metadata.set('authorization', 'Bearer expired');
      await expect(callUnary(client.getAccountOwner, { accountId: 'x' }, { metadata })).rejects.toBeInstanceOf(
        UnauthenticatedError,
      );
      await expect(callUnary(client.getAccountOwner, { accountId: 'whoami' })).rejects.toBeInstanceOf(
        UnauthenticatedError,
      );
    });
  });

  describe('policy', () => {
    const asRep = () => {
      const metadata = new Metadata();
      metadata.set('authorization', 'Bearer user-7');
      return metadata;
    };

    it('refuses a method the policy does not name, before its handler runs (default deny)', async () => {
      const refusal = callUnary(client.searchAccounts, customerV1.SearchAccountsRequest.fromPartial({ query: 'x' }), {
        metadata: asRep(),
      });
      await expect(refusal).rejects.toBeInstanceOf(NotAllowedError);
      await expect(refusal).rejects.toMatchObject({
        message: '/crm.customer.v1.CustomerService/SearchAccounts has no access rule: refused by default',
      });
    });

    it('refuses a caller without one of the roles the rule names', async () => {
      const refusal = callUnary(client.getAccount, { id: 'x' }, { metadata: asRep() });
      await expect(refusal).rejects.toBeInstanceOf(NotAllowedError);
      await expect(refusal).rejects.toMatchObject({ message: expect.stringContaining('is for crm-admin') });
    });

    it('asks an anonymous caller of a method for some roles to sign in', async () => {
      await expect(callUnary(client.getAccount, { id: 'x' })).rejects.toBeInstanceOf(UnauthenticatedError);
    });
  });

  describe('context', () => {
    it('gives the handler the caller’s request id and principal', async () => {
      const metadata = new Metadata();
      metadata.set('authorization', 'Bearer user-7');
      const reply = await runWithRequestContext({ requestId: 'req-123' }, () =>
        callUnary(client.getAccountOwner, { accountId: 'whoami' }, { metadata }),
      );
      expect(reply).toEqual({ accountId: 'whoami', ownerId: 'user-7', teamId: 'req-123' });
    });

    it('makes up a request id when the caller sends none', async () => {
      const metadata = new Metadata();
      metadata.set('authorization', 'Bearer user-7');
      const reply = await callUnary(client.getAccountOwner, { accountId: 'whoami' }, { metadata });
      expect(reply.teamId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('forwards the request id and the bearer token to the next service', async () => {
      const metadata = new Metadata();
      metadata.set('authorization', 'Bearer user-9');
      metadata.set('x-request-id', 'req-relay');
      const reply = await callUnary(client.getAccountOwner, { accountId: 'relay' }, { metadata });
      expect(reply).toEqual({ accountId: 'whoami', ownerId: 'user-9', teamId: 'req-relay' });
    });

    it('logs each call as one request line with the method as its route, the code and duration, not the request', async () => {
      await runWithRequestContext({ requestId: 'req-log' }, () =>
        callUnary(client.getAccountOwner, { accountId: 'acct-secret-id' }),
      );
      const line = lines.find((l) => l.msg === 'request' && l.requestId === 'req-log');
      expect(line).toMatchObject({
        protocol: 'grpc',
        route: '/crm.customer.v1.CustomerService/GetAccountOwner',
        status: 'OK',
      });
      expect(typeof line?.durationMs).toBe('number');
      expect(JSON.stringify(lines)).not.toContain('acct-secret-id');
    });
  });

  describe('deadlines', () => {
    it('fails the call with DEADLINE_EXCEEDED and aborts the handler’s signal', async () => {
      const started = Date.now();
      await expect(callUnary(client.getAccountOwner, { accountId: 'slow' }, { deadlineMs: 200 })).rejects.toMatchObject(
        { code: status.DEADLINE_EXCEEDED },
      );
      expect(Date.now() - started).toBeLessThan(2000);
      await slowCallAborted;
    });

    it('counts a call in flight until its handler returns', async () => {
      expect(server.inFlight()).toBe(0);
      await server.whenIdle();
    });
  });
});

describe('gRPC health during shutdown', () => {
  it('turns NOT_SERVING for Check and Watch once shutting down, and ends the Watch stream', async () => {
    const server = createGrpcServer({ logger: createLogger('grpc-test', { level: 'silent' }), checks: [] });
    const port = await bindGrpcServer(server, '127.0.0.1:0');
    const health = createGrpcClient(healthV1.HealthClient, `127.0.0.1:${port}`);
    try {
      const seen: healthV1.HealthCheckResponse_ServingStatus[] = [];
      const stream = health.watch({ service: '' }, { deadline: Date.now() + 10_000 });
      const ended = new Promise<void>((resolve, reject) => {
        stream.on('data', (reply: healthV1.HealthCheckResponse) => seen.push(reply.status));
        stream.on('end', () => resolve());
        stream.on('error', reject);
      });
      while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual([SERVING]);

      server.health.markShuttingDown();
      await ended;
      expect(seen).toEqual([SERVING, NOT_SERVING]);
      expect(await callUnary(health.check, { service: '' })).toEqual({ status: NOT_SERVING });
    } finally {
      health.close();
      server.forceShutdown();
    }
  });
});
