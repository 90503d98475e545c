import { status } from '@grpc/grpc-js';
import { customerV1 } from '@crm/contracts';
import { InputError } from '../src/errors';
import { publicAccess } from '../src/policy';
import { createLogger } from '../src/logging';
import {
  bindGrpcServer,
  callUnary,
  createGrpcClient,
  createGrpcServer,
  GrpcStatusError,
  type CrmGrpcServer,
  type ServiceHandlers,
} from '../src/grpc';

type Handlers = ServiceHandlers<typeof customerV1.CustomerServiceService>;

const unimplemented = async (): Promise<never> => {
  throw new GrpcStatusError(status.UNIMPLEMENTED, 'not used by this test');
};

describe('gRPC client retries', () => {
  const attempts = new Map<string, number>();
  let release: () => void = () => undefined;
  let server: CrmGrpcServer;
  let address: string;

  beforeAll(async () => {
    server = createGrpcServer({ logger: createLogger('grpc-retry-test', { level: 'silent' }) });
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
      async getAccountOwner({ accountId }) {
        const attempt = (attempts.get(accountId) ?? 0) + 1;
        attempts.set(accountId, attempt);
        if (accountId.startsWith('flaky') && attempt < 3) {
          throw new GrpcStatusError(status.UNAVAILABLE, 'warming up');
        }
        if (accountId.startsWith('down')) throw new GrpcStatusError(status.UNAVAILABLE, 'still down');
        if (accountId.startsWith('bad')) throw InputError.single(['accountId'], 'uuid', 'is not a uuid');
        if (accountId.startsWith('hold')) await new Promise<void>((resolve) => (release = resolve));
        return { accountId, ownerId: 'owner-1', teamId: '' };
      },
    };
    server.implement(customerV1.CustomerServiceService, handlers, { policy: { getAccountOwner: publicAccess } });
    address = `127.0.0.1:${await bindGrpcServer(server, '127.0.0.1:0')}`;
  });

  afterAll(() => server.forceShutdown());

  it('retries a call that failed with UNAVAILABLE until it succeeds', async () => {
    const client = createGrpcClient(customerV1.CustomerServiceClient, address);
    try {
      expect(await callUnary(client.getAccountOwner, { accountId: 'flaky-1' })).toMatchObject({ ownerId: 'owner-1' });
      expect(attempts.get('flaky-1')).toBe(3);
    } finally {
      client.close();
    }
  });

  it('gives up after maxAttempts and reports UNAVAILABLE', async () => {
    const client = createGrpcClient(customerV1.CustomerServiceClient, address, { maxAttempts: 2 });
    try {
      await expect(callUnary(client.getAccountOwner, { accountId: 'down-1' })).rejects.toMatchObject({
        code: status.UNAVAILABLE,
      });
      expect(attempts.get('down-1')).toBe(2);
    } finally {
      client.close();
    }
  });

  it('never retries INVALID_ARGUMENT', async () => {
    const client = createGrpcClient(customerV1.CustomerServiceClient, address);
    try {
      await expect(callUnary(client.getAccountOwner, { accountId: 'bad-1' })).rejects.toBeInstanceOf(InputError);
      expect(attempts.get('bad-1')).toBe(1);
    } finally {
      client.close();
    }
  });

  it('counts a running call as in flight until its handler returns', async () => {
    const client = createGrpcClient(customerV1.CustomerServiceClient, address);
    try {
      const pending = callUnary(client.getAccountOwner, { accountId: 'hold-1' });
      while (server.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      let idle = false;
      const whenIdle = server.whenIdle().then(() => (idle = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(idle).toBe(false);
      release();
      await pending;
      await whenIdle;
      expect(server.inFlight()).toBe(0);
    } finally {
      client.close();
    }
  });
});
