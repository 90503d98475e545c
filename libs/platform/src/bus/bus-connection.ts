import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from '../logging';
import {
  describeNatsCredentials,
  natsAuthenticator,
  serversWithoutCredentials,
  type NatsCredentials,
} from './nats-credentials';

export interface BusOptions {
  /** Comma-separated NATS URLs, e.g. `nats://nats-0:4222,nats://nats-1:4222`. */
  servers: string;
  /** Connection name shown by the server (`nats server report connections`): use the service name. */
  name: string;
  logger: Logger;
  /** NATS_CREDS_FILE, NATS_USER + NATS_PASSWORD or NATS_TOKEN (natsCredentialsOf); none for an open server. */
  credentials?: NatsCredentials;
}

/** The server refused the credentials (or demanded some): names the scheme used, never the secret. */
export class NatsAuthenticationError extends Error {
  constructor(servers: string, credentials: NatsCredentials | undefined, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `NATS at ${serversWithoutCredentials(servers)} refused the connection with ${describeNatsCredentials(credentials)}: ${reason}`,
      { cause },
    );
    this.name = 'NatsAuthenticationError';
  }
}

function isAuthenticationFailure(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.name === 'AuthorizationError' || /authoriz|authenticat/i.test(e.message)) return true;
  }
  return false;
}

/** One NATS connection of a process with its JetStream client and manager. */
export interface Bus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** True while the connection is up (false between a disconnect and the reconnect, and after close). */
  isConnected(): boolean;
  /** Drains subscriptions and closes the connection. */
  close(): Promise<void>;
}

/** Connects to NATS, failing fast if it cannot at start; once connected it reconnects forever after an outage. */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const logger = options.logger.child({ component: 'bus' });
  const nc = await connect({
    servers: options.servers.split(',').map((s) => s.trim()),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...(options.credentials ? { authenticator: natsAuthenticator(options.credentials) } : {}),
  }).catch((error: unknown) => {
    throw isAuthenticationFailure(error)
      ? new NatsAuthenticationError(options.servers, options.credentials, error)
      : error;
  });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  let connected = true;

  void (async () => {
    for await (const status of nc.status()) {
      switch (status.type) {
        case 'disconnect':
          connected = false;
          logger.warn({ server: status.server }, 'NATS disconnected');
          break;
        case 'reconnect':
          connected = true;
          logger.info({ server: status.server }, 'NATS reconnected');
          break;
        case 'error':
          logger.error({ err: status.error }, 'NATS connection error');
          break;
        default:
          break;
      }
    }
  })();

  logger.info(
    { servers: serversWithoutCredentials(options.servers), auth: describeNatsCredentials(options.credentials) },
    'NATS connected',
  );
  return {
    nc,
    js,
    jsm,
    isConnected: () => connected && !nc.isClosed(),
    async close() {
      if (nc.isClosed()) return;
      await nc.drain();
      connected = false;
    },
  };
}
