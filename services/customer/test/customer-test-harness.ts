import {
  createTestDatabase,
  keycloakIssuer,
  readStream,
  serviceClient,
  startNats,
  type NatsServer,
  type ServiceClient,
  type StreamEvent,
  type TestDatabase,
} from '@crm/testing';
import { customerV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { createLogger } from '@crm/platform/logging';
import { createGrpcClient } from '@crm/platform/grpc';
import { customerDataSource } from '../src/db/data-source';
import { startService, type RunningService } from '@crm/platform/host';
import type { CustomerServices } from '../src/application/customer-services';
import { customerService, type CustomerServiceConfig } from '../src/customer-service';
import { CUSTOMER_STREAM } from '../src/events/customer-events';

export type { GraphQLErrorBody, StreamEvent } from '@crm/testing';

export type CustomerApp = RunningService<CustomerServices>;

/** A real customer service in this process, called as the realm's demo users (`call`, `graphql`: admin1 by default). */
export interface CustomerHarness extends ServiceClient<customerV1.CustomerServiceClient> {
  app: CustomerApp;
  db: TestDatabase;
  nats: NatsServer;
  client: customerV1.CustomerServiceClient;
  /** Subjects and event types on the CUSTOMER stream, in order (after the outbox is flushed). */
  streamEvents(): Promise<StreamEvent[]>;
  stop(): Promise<void>;
}

/** A real customer service on a fresh database and a real nats-server, on free ports. */
export async function startCustomerHarness(
  label: string,
  options: Pick<
    CustomerServiceConfig,
    | 'pool'
    | 'ticketStreamPollMs'
    | 'salesStreamPollMs'
    | 'jobs'
    | 'exactCountUpTo'
    | 'defaultCountry'
    | 'followUpCadence'
  > = {},
): Promise<CustomerHarness> {
  const db = await createTestDatabase(label);
  const nats = await startNats();
  await runMigrations(customerDataSource(db.url, 1));
  const logger = createLogger('customer-test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await startService(
    customerService({
      databaseUrl: db.url,
      natsUrl: nats.url,
      grpcPort: 0,
      httpPort: 0,
      auth: { issuer: keycloakIssuer(), audience: 'crm-gateway', allowDevelopmentClients: true },
      ...options,
    }),
    logger,
  );
  const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${app.grpcPort!}`);
  return {
    ...serviceClient(client, `http://127.0.0.1:${app.httpPort}/graphql`),
    app,
    db,
    nats,
    client,
    async streamEvents() {
      await app.flushOutbox(10_000);
      return readStream(nats.url, CUSTOMER_STREAM);
    },
    async stop() {
      client.close();
      await app.stopAccepting();
      await app.close();
      await nats.stop();
      await db.drop();
    },
  };
}
