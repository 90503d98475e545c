import {
  createTestDatabase,
  keycloakIssuer,
  passwordToken,
  startNats,
  type NatsServer,
  type TestDatabase,
} from '@crm/testing';
import { Metadata } from '@grpc/grpc-js';
import { customerV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { createLogger } from '@crm/platform/logging';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { customerDataSource } from '../src/db/data-source';
import { startService, type RunningService } from '@crm/platform/host';
import type { CustomerServices } from '../src/application/customer-services';
import { customerService, type CustomerServiceConfig } from '../src/customer-service';

export type CustomerApp = RunningService<CustomerServices>;

export interface CustomerHarness {
  app: CustomerApp;
  db: TestDatabase;
  nats: NatsServer;
  client: customerV1.CustomerServiceClient;
  /** A gRPC call as a demo user (crm-admin `admin1` unless `as` names another; `as: null` sends no token). */
  call<Req, Res>(
    method: keyof customerV1.CustomerServiceClient & string,
    request: Req,
    as?: string | null,
  ): Promise<Res>;
  /** A GraphQL request straight to the subgraph, as a demo user (admin1 by default; null: no token). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
  ): Promise<{ data?: T; errors?: GraphQLErrorBody[]; extensions?: Record<string, unknown> }>;
  /** A bearer token of a demo user, from the real Keycloak (cached for the test file). */
  token(username: string): Promise<string>;
  /** The Keycloak subject (user id) of a demo user. */
  userId(username: string): Promise<string>;
  /** Subjects and event types on the CUSTOMER stream, in order. */
  streamEvents(): Promise<StreamEvent[]>;
  stop(): Promise<void>;
}

export interface StreamEvent {
  subject: string;
  type: string;
  id: string;
  aggregateId: string;
  /** `crm-aggregate-seq`: the event's place among its aggregate's events. */
  aggregateSequence: number;
  data: Uint8Array;
}

export interface GraphQLErrorBody {
  message: string;
  path?: string[];
  extensions?: Record<string, unknown>;
}

/** A real customer service on a fresh database and a real nats-server, on free ports. */
export async function startCustomerHarness(
  label: string,
  options: Pick<
    CustomerServiceConfig,
    'pool' | 'ticketStreamPollMs' | 'salesStreamPollMs' | 'jobs' | 'exactCountUpTo' | 'defaultCountry'
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
  const tokens = new Map<string, Promise<{ token: string; sub: string }>>();
  const login = (username: string) => {
    let pending = tokens.get(username);
    if (!pending) {
      pending = passwordToken(username).then((t) => ({ token: t.accessToken, sub: t.claims.sub }));
      tokens.set(username, pending);
    }
    return pending;
  };
  const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${app.grpcPort!}`);
  return {
    app,
    db,
    nats,
    client,
    async call<Req, Res>(
      method: keyof customerV1.CustomerServiceClient & string,
      request: Req,
      as: string | null = 'admin1',
    ): Promise<Res> {
      const fn = (client[method] as unknown as (...args: unknown[]) => unknown).bind(client);
      const metadata = new Metadata();
      if (as) metadata.set('authorization', `Bearer ${(await login(as)).token}`);
      return callUnary<Req, Res>(fn as Parameters<typeof callUnary<Req, Res>>[0], request, { metadata });
    },
    async graphql<T>(query: string, variables?: Record<string, unknown>, as: string | null = 'admin1') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = `Bearer ${(await login(as)).token}`;
      const res = await fetch(`http://127.0.0.1:${app.httpPort}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: T; errors?: GraphQLErrorBody[]; extensions?: Record<string, unknown> };
    },
    token: async (username) => (await login(username)).token,
    userId: async (username) => (await login(username)).sub,
    async streamEvents() {
      await app.flushOutbox(10_000);
      const nc = await connect({ servers: nats.url });
      try {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info('CUSTOMER');
        const out: StreamEvent[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const msg = await jsm.streams.getMessage('CUSTOMER', { seq });
          if (!msg) continue;
          out.push({
            subject: msg.subject,
            type: msg.header.get('crm-event-type'),
            id: msg.header.get('Nats-Msg-Id'),
            aggregateId: msg.header.get('crm-aggregate-id'),
            aggregateSequence: Number(msg.header.get('crm-aggregate-seq')),
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
