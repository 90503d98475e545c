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
import { customerV1, ticketV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { createGrpcClient } from '@crm/platform/grpc';
import { startService, type RunningService } from '@crm/platform/host';
import { createLogger } from '@crm/platform/logging';
import type { DestinationStream } from 'pino';
import type { TicketServices } from '../src/application/ticket-services';
import { ticketDataSource } from '../src/db/data-source';
import { TICKET_STREAM } from '../src/events/ticket-events';
import type { SurveySettings } from '../src/survey-config';
import { ticketService, type TicketServiceConfig } from '../src/ticket-service';

export type TicketApp = RunningService<TicketServices>;

export interface TicketFields {
  id: string;
  number: string;
  status: string;
  agentId: string | null;
  teamId: string;
  accountId: string;
  version: number;
}

/**
 * A real service-ticket service in this process on a fresh database, beside a real customer service in its own process
 * (its own database; reached by gRPC as in production), one nats-server and the test Keycloak.
 */
export interface TicketHarness extends ServiceClient<ticketV1.TicketServiceClient> {
  app: TicketApp;
  db: TestDatabase;
  nats: NatsServer;
  grpcClient: ticketV1.TicketServiceClient;
  customer: ServiceProcess & ServiceClient<customerV1.CustomerServiceClient>;
  customerDb: TestDatabase;
  /** Subjects and event types on the TICKET stream, in order (after the outbox is flushed). */
  streamEvents(): Promise<StreamEvent[]>;
  /** A second replica on the same database and bus (for races between replicas). */
  startReplica(): Promise<ServiceClient<ticketV1.TicketServiceClient> & { app: TicketApp; stop(): Promise<void> }>;
  /** Creates an account in the customer service as `as` (a rep owns what they create) and returns its id. */
  createAccount(name: string, as?: string): Promise<string>;
  /** Opens a ticket through GraphQL as `as` (agent1 unless given); fails the test on an error. */
  createTicket(input: Record<string, unknown>, as?: string): Promise<TicketFields>;
  stop(): Promise<void>;
}

export type TicketHarnessOptions = Partial<
  Pick<
    TicketServiceConfig,
    'jobs' | 'exactCountUpTo' | 'customerStreamPollMs' | 'lifecycle' | 'defaultTeam' | 'attachments' | 'inboundEmail'
  >
> & {
  /** Survey settings beside the test ones (testSurveys): a short expiry, the escalate policy. */
  surveys?: Partial<SurveySettings>;
  /** Where the service's log lines go (at level info), for a test that reads them; silent without it. */
  logDestination?: DestinationStream;
};

export const ticketFields = 'id number status agentId teamId accountId version';

export const testSurveys: SurveySettings = {
  linkSecret: 'survey-link-secret-of-the-integration-tests',
  publicBaseUrl: 'https://support.example.test',
  expiryDays: 14,
  lowRating: { threshold: 2, action: 'reopen' },
  defaultLocale: 'zh',
};

export const testLifecycle = {
  reopenWindowDays: 14,
  rootCauseCategories: ['product_defect', 'usage_question', 'configuration', 'other'],
};

export async function startTicketHarness(label: string, options: TicketHarnessOptions = {}): Promise<TicketHarness> {
  const [db, customerDb] = await Promise.all([createTestDatabase(label), createTestDatabase(`${label}_customer`)]);
  const nats = await startNats();
  await Promise.all([runMigrations(ticketDataSource(db.url, 1)), migrateService('customer', customerDb.url)]);
  const customerProcess = await spawnService('customer', { databaseUrl: customerDb.url, natsUrl: nats.url });
  const customerGrpc = createGrpcClient(customerV1.CustomerServiceClient, customerProcess.grpcAddress);
  const customer = {
    ...customerProcess,
    ...serviceClient(customerGrpc, `http://127.0.0.1:${customerProcess.httpPort}/graphql`),
  };
  const { surveys, logDestination, ...serviceOptions } = options;
  const logger = logDestination
    ? createLogger('ticket-test', { level: 'info' }, logDestination)
    : createLogger('ticket-test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config: TicketServiceConfig = {
    databaseUrl: db.url,
    natsUrl: nats.url,
    grpcPort: 0,
    httpPort: 0,
    auth: { issuer: keycloakIssuer(), audience: 'crm-gateway', allowDevelopmentClients: true },
    customer: { grpcAddress: customerProcess.grpcAddress },
    serviceAccount: { clientId: 'crm-services', clientSecret: clientSecret('crm-services') },
    customerStreamPollMs: 200,
    lifecycle: testLifecycle,
    surveys: { ...testSurveys, ...surveys },
    ...serviceOptions,
  };
  const app = await startService(ticketService(config), logger);
  const grpc = createGrpcClient(ticketV1.TicketServiceClient, `127.0.0.1:${app.grpcPort!}`);
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
      return readStream(nats.url, TICKET_STREAM);
    },
    async startReplica() {
      const replica = await startService(ticketService(config), logger);
      const replicaGrpc = createGrpcClient(ticketV1.TicketServiceClient, `127.0.0.1:${replica.grpcPort!}`);
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
    async createTicket(input, as = 'agent1') {
      const created = await client.graphql<{ createTicket: TicketFields }>(
        `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ${ticketFields} } }`,
        { input: { subject: 'Printer jams', channel: 'PHONE', category: 'hardware', ...input } },
        as,
      );
      if (!created.data?.createTicket) throw new Error(`ticket not created: ${JSON.stringify(created.errors)}`);
      return created.data.createTicket;
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
