import { env } from '@crm/platform/config';

/** Every environment variable the customer service reads, validated at start. */
export const customerConfigSpec = {
  CUSTOMER_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  NATS_URL: env.url({ protocols: ['nats', 'tls'], default: 'nats://127.0.0.1:4222' }),
  CUSTOMER_GRPC_PORT: env.port({ default: 50051 }),
  CUSTOMER_HTTP_PORT: env.port({ default: 4001 }),
  CUSTOMER_DB_POOL_SIZE: env.int({ min: 1, max: 200, default: 10 }),
  RECYCLE_BIN_RETENTION_DAYS: env.int({ min: 1, max: 3650, default: 30 }),
  SHUTDOWN_TIMEOUT_MS: env.int({ min: 1000, max: 120_000, default: 25_000 }),
};
