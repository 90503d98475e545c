import { createTestDatabase, startNats, type NatsServer, type TestDatabase } from '@crm/testing';
import { customerV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { createLogger } from '@crm/platform/logging';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { customerDataSource } from '../src/db/data-source';
import { startCustomerApp, type CustomerApp } from '../src/customer-app';

export interface CustomerHarness {
  app: CustomerApp;
  db: TestDatabase;
  nats: NatsServer;
  client: customerV1.CustomerServiceClient;
  call<Req, Res>(method: keyof customerV1.CustomerServiceClient & string, request: Req): Promise<Res>;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: GraphQLErrorBody[] }>;
  /** Subjects and event types on the CUSTOMER stream, in order. */
  streamEvents(): Promise<{ subject: string; type: string; id: string; data: Uint8Array }[]>;
  stop(): Promise<void>;
}

export interface GraphQLErrorBody {
  message: string;
  path?: string[];
  extensions?: Record<string, unknown>;
}

/** A real customer service on a fresh database and a real nats-server, on free ports. */
export async function startCustomerHarness(label: string): Promise<CustomerHarness> {
  const db = await createTestDatabase(label);
  const nats = await startNats();
  await runMigrations(customerDataSource(db.url, 1));
  const logger = createLogger('customer-test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await startCustomerApp({ databaseUrl: db.url, natsUrl: nats.url, grpcPort: 0, httpPort: 0 }, logger);
  const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${app.grpcPort}`);
  return {
    app,
    db,
    nats,
    client,
    call<Req, Res>(method: keyof customerV1.CustomerServiceClient & string, request: Req): Promise<Res> {
      const fn = (client[method] as unknown as (...args: unknown[]) => unknown).bind(client);
      return callUnary<Req, Res>(fn as Parameters<typeof callUnary<Req, Res>>[0], request);
    },
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(`http://127.0.0.1:${app.httpPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: T; errors?: GraphQLErrorBody[] };
    },
    async streamEvents() {
      await app.flushOutbox(10_000);
      const nc = await connect({ servers: nats.url });
      try {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info('CUSTOMER');
        const out: { subject: string; type: string; id: string; data: Uint8Array }[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const msg = await jsm.streams.getMessage('CUSTOMER', { seq });
          if (!msg) continue;
          out.push({
            subject: msg.subject,
            type: msg.header.get('crm-event-type'),
            id: msg.header.get('Nats-Msg-Id'),
            data: msg.data,
          });
        }
        return out;
      } finally {
        await nc.close();
      }
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
