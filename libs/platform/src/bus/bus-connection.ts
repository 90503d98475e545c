import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from '../logging';

export interface BusOptions {
  /** Comma-separated NATS URLs, e.g. `nats://nats-0:4222,nats://nats-1:4222`. */
  servers: string;
  /** Connection name shown by the server (`nats server report connections`): use the service name. */
  name: string;
  logger: Logger;
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

  logger.info({ servers: options.servers }, 'NATS connected');
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
