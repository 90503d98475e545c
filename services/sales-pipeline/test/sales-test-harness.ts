import {
  clientSecret,
  createTestDatabase,
  keycloakIssuer,
  migrateService,
  readStream,
  serviceClient,
  spawnService,
  startNats,
  type NatsServer,
  type ServiceClient,
  type ServiceProcess,
  type StreamEvent,
  type TestDatabase,
} from '@crm/testing';
import { customerV1, salesV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { createGrpcClient } from '@crm/platform/grpc';
import { startService, type RunningService } from '@crm/platform/host';
import { createLogger } from '@crm/platform/logging';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import type { SalesServices } from '../src/application/sales-services';
import { salesDataSource } from '../src/db/data-source';
import { SALES_STREAM } from '../src/events/sales-events';
import { salesService, type SalesServiceConfig } from '../src/sales-service';

export type SalesApp = RunningService<SalesServices>;

/**
 * A real sales-pipeline service in this process on a fresh database, beside a real customer service in its own
 * process (its own database; the sales service reaches it by gRPC like in production), one nats-server and the test
 * Keycloak.
 */
export interface SalesHarness extends ServiceClient<salesV1.SalesServiceClient> {
  app: SalesApp;
  db: TestDatabase;
  nats: NatsServer;
  /** The sales service's gRPC client (calls through `call` carry a demo user's token). */
  grpcClient: salesV1.SalesServiceClient;
  customer: ServiceProcess & ServiceClient<customerV1.CustomerServiceClient>;
  /** The customer service's database (to start it again after a test killed it). */
  customerDb: TestDatabase;
  /** Subjects and event types on the SALES stream, in order (after the outbox is flushed). */
  streamEvents(): Promise<StreamEvent[]>;
  /** A second replica of the sales service on the same database and bus (for races between replicas). */
  startReplica(): Promise<ServiceClient<salesV1.SalesServiceClient> & { app: SalesApp; stop(): Promise<void> }>;
  /** Creates an account in the customer service as `as` (a rep owns what they create) and returns its id. */
  createAccount(name: string, as?: string): Promise<string>;
  stop(): Promise<void>;
}

/** What a test may change: jobs, count bounds, and how the sales service reaches the customer service. */
export interface SalesHarnessOptions extends Pick<
  SalesServiceConfig,
  'jobs' | 'exactCountUpTo' | 'customerStreamPollMs'
> {
  /** The client the sales service uses, built from the customer process's gRPC address (a test wraps the real one). */
  customerAccounts?: (grpcAddress: string) => CustomerAccounts;
}

export async function startSalesHarness(label: string, options: SalesHarnessOptions = {}): Promise<SalesHarness> {
  const { customerAccounts, ...serviceOptions } = options;
  const [db, customerDb] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_customer`)]);
  const nats = await startNats();
  await Promise.all([runMigrations(salesDataSource(db.url, 1)), migrateService('customer', customerDb.url)]);
  const customerProcess = await spawnService('customer', { databaseUrl: customerDb.url, natsUrl: nats.url });
  const customerGrpc = createGrpcClient(customerV1.CustomerServiceClient, customerProcess.grpcAddress);
  const customer = {
    ...customerProcess,
    ...serviceClient(customerGrpc, `http://127.0.0.1:${customerProcess.httpPort}/graphql`),
  };
  const logger = createLogger('sales-test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config: SalesServiceConfig = {
    databaseUrl: db.url,
    natsUrl: nats.url,
    grpcPort: 0,
    httpPort: 0,
    auth: { issuer: keycloakIssuer(), audience: 'crm-gateway', allowDevelopmentClients: true },
    customer: customerAccounts
      ? { accounts: customerAccounts(customerProcess.grpcAddress) }
      : { grpcAddress: customerProcess.grpcAddress },
    serviceAccount: { clientId: 'crm-services', clientSecret: clientSecret('crm-services') },
    customerStreamPollMs: 200,
    ...serviceOptions,
  };
  const app = await startService(salesService(config), logger);
  const grpc = createGrpcClient(salesV1.SalesServiceClient, `127.0.0.1:${app.grpcPort!}`);
  const client = serviceClient(grpc, `http://127.0.0.1:${app.httpPort}/graphql`);
  return {
    ...client,
    grpcClient: grpc,
    app,
    db,
    nats,
    customer,
    customerDb,
    async streamEvents() {
      await app.flushOutbox(10_000);
      return readStream(nats.url, SALES_STREAM);
    },
    async startReplica() {
      const replica = await startService(salesService(config), logger);
      const replicaGrpc = createGrpcClient(salesV1.SalesServiceClient, `127.0.0.1:${replica.grpcPort!}`);
      return {
        ...serviceClient(replicaGrpc, `http://127.0.0.1:${replica.httpPort}/graphql`),
        app: replica,
        async stop() {
          replicaGrpc.close();
          await replica.stopAccepting();
          await replica.close();
        },
      };
    },
    async createAccount(name, as = 'rep.east1') {
      const created = await customer.graphql<{ createAccount: { account: { id: string } | null } }>(
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
        { input: { account: { name, lifecycleStage: 'PROSPECT' }, duplicatePolicy: 'OVERRIDE' } },
        as,
      );
      const id = created.data?.createAccount.account?.id;
      if (!id) throw new Error(`account not created: ${JSON.stringify(created.errors)}`);
      return id;
    },
    async stop() {
      grpc.close();
      customerGrpc.close();
      await app.stopAccepting();
      await app.close();
      await customer.kill();
      await nats.stop();
      await Promise.all([db.drop(), customerDb.drop()]);
    },
  };
}
