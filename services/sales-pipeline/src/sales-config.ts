import { env, type EnvVar } from '@crm/platform/config';

/** Every environment variable the sales-pipeline service reads, validated at start. */
export const salesConfigSpec = {
  SALES_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  NATS_URL: env.url({ protocols: ['nats', 'tls'], default: 'nats://127.0.0.1:4222' }),
  SALES_GRPC_PORT: env.port({ default: 50052 }),
  SALES_HTTP_PORT: env.port({ default: 4002 }),
  SALES_DB_POOL_SIZE: env.int({ min: 1, max: 200, default: 10 }),
  /** The customer service's gRPC address (host:port): accounts are checked there with the caller's own token. */
  CUSTOMER_GRPC_ADDRESS: env.string({ default: '127.0.0.1:50051' }),
  /** Published outbox events are kept this long (JetStream holds the events themselves). */
  OUTBOX_RETENTION_DAYS: env.int({ min: 1, max: 3650, default: 7 }),
  /** Processed-event ids are kept this long: far beyond JetStream's duplicate window and any redelivery. */
  INBOX_RETENTION_DAYS: env.int({ min: 1, max: 3650, default: 30 }),
  /** How often the audit chain's head is anchored on JetStream (outside the database). */
  AUDIT_CHECKPOINT_MINUTES: env.int({ min: 1, max: 1440, default: 10 }),
  /** Audit rows older than this many days are purged (the purge is itself audited); unset keeps them forever. */
  AUDIT_RETENTION_DAYS: env.int({ min: 30, max: 36500, optional: true }),
  KEYCLOAK_ISSUER: env.url({ protocols: ['http', 'https'], default: 'http://127.0.0.1:8080/realms/crm' }),
  JWT_AUDIENCE: env.string({ default: 'crm-gateway' }),
  /** true accepts tokens of the test-only password-grant clients (crm-test): `make dev` and the tests only. */
  AUTH_ALLOW_DEVELOPMENT_CLIENTS: env.bool({ default: false }),
  SHUTDOWN_TIMEOUT_MS: env.int({ min: 1000, max: 120_000, default: 25_000 }),
  /** ISO 4217 code of the company currency: roll-ups, forecasts and kanban totals are converted to it. */
  COMPANY_CURRENCY: {
    describe: 'an ISO 4217 currency code, e.g. CNY',
    optional: false,
    fallback: 'CNY',
    parse: (raw: string) =>
      Intl.supportedValuesOf('currency').includes(raw.trim().toUpperCase())
        ? raw.trim().toUpperCase()
        : { problem: 'must be an ISO 4217 currency code, e.g. CNY' },
  } satisfies EnvVar<string>,
  /** Idempotency keys of create mutations are remembered this long. */
  IDEMPOTENCY_KEY_RETENTION_DAYS: env.int({ min: 1, max: 365, default: 7 }),
  /** A lead conversion stuck in a middle state (customer service down) is abandoned after this many sweeps. */
  LEAD_CONVERSION_MAX_ATTEMPTS: env.int({ min: 1, max: 1000, default: 10 }),
  /** List totals (GraphQL totalCount) are counted exactly up to this many rows, then estimated by the planner. */
  LIST_COUNT_EXACT_UP_TO: env.int({ min: 0, max: 10_000_000, default: 10_000 }),
};
