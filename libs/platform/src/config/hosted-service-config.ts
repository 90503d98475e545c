import { env } from './env-config';

/**
 * The variables every service hosted by @crm/platform/host reads, the same way: NATS, Keycloak, the retention of
 * its outbox, inbox and audit log, its shutdown budget and list totals. A service spreads this into its own spec and
 * adds its database, ports and domain settings.
 */
export const hostedServiceConfigSpec = {
  NATS_URL: env.url({ protocols: ['nats', 'tls'], default: 'nats://127.0.0.1:4222' }),
  /** Copies of each stream the service declares in a JetStream cluster: 3 in production (a single server takes 1). */
  /** A NATS creds file (user JWT + NKey seed, decentralised auth), e.g. the chart's mounted Secret. */
  NATS_CREDS_FILE: env.string({ optional: true, describe: 'the path of a NATS .creds file' }),
  /** NATS user and password: both or neither (natsCredentialsOf checks the pair). */
  NATS_USER: env.string({ optional: true }),
  NATS_PASSWORD: env.string({ optional: true }),
  NATS_TOKEN: env.string({ optional: true }),
  NATS_STREAM_REPLICAS: env.int({ min: 1, max: 5, default: 1 }),
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
  /** List totals (GraphQL totalCount) are counted exactly up to this many rows, then estimated by the planner. */
  LIST_COUNT_EXACT_UP_TO: env.int({ min: 0, max: 10_000_000, default: 10_000 }),
};
