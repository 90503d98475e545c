import { env, hostedServiceConfigSpec, type EnvVar } from '@crm/platform/config';
import { surveyConfigSpec } from './survey-config';
import { normalizeUuid } from '@crm/platform/ids';

/** Every environment variable the service-ticket service reads, validated at start. */
export const ticketConfigSpec = {
  ...hostedServiceConfigSpec,
  TICKET_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  TICKET_GRPC_PORT: env.port({ default: 50053 }),
  TICKET_HTTP_PORT: env.port({ default: 4003 }),
  TICKET_DB_POOL_SIZE: env.int({ min: 1, max: 200, default: 10 }),
  /** The customer service's gRPC address (host:port): an account's existence, grade and access are asked there. */
  CUSTOMER_GRPC_ADDRESS: env.string({ default: '127.0.0.1:50051' }),
  /** crm-services: the service account that reads Keycloak users and teams, and checks accounts at the customer service. */
  KEYCLOAK_SERVICES_CLIENT_ID: env.string({ default: 'crm-services' }),
  KEYCLOAK_SECRET_CRM_SERVICES: env.string({ default: 'dev-crm-services-secret' }),
  /** A resolved or closed ticket may be reopened for this many days after its resolution. */
  TICKET_REOPEN_WINDOW_DAYS: env.int({ min: 0, max: 365, default: 14 }),
  /** The root-cause categories a resolution names (comma-separated). */
  TICKET_ROOT_CAUSES: {
    describe: 'comma-separated root-cause categories, e.g. product_defect,usage_question',
    optional: false,
    fallback: [
      'product_defect',
      'usage_question',
      'configuration',
      'billing',
      'delivery',
      'service_attitude',
      'third_party',
      'other',
    ],
    parse: (raw: string) => {
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return list.length && list.every((s) => /^[a-z][a-z0-9_]{0,39}$/.test(s))
        ? list
        : { problem: 'must be lower_snake_case words separated by commas' };
    },
  } satisfies EnvVar<string[]>,
  /** The queue (Keycloak team) of tickets opened by someone in no team: crm-admin, the mail gateway. */
  TICKET_DEFAULT_TEAM: env.string({ default: 'service' }),
  /** Where attachment bytes are kept (a persistent volume in production); a folder under the OS temp dir unless set. */
  TICKET_ATTACHMENT_DIR: env.string({ default: '' }),
  /** The largest attachment accepted, in bytes (refused with 413 while it streams in). */
  TICKET_ATTACHMENT_MAX_BYTES: env.int({ min: 1, max: 1024 * 1024 * 1024, default: 10 * 1024 * 1024 }),
  /** The queue (Keycloak team) of tickets opened from customers' email; TICKET_DEFAULT_TEAM when empty. */
  TICKET_EMAIL_TEAM: env.string({ default: '' }),
  /** The category of tickets opened from customers' email, until an agent triages them. */
  TICKET_EMAIL_CATEGORY: env.string({ default: 'email' }),
  /**
   * The account (UUID) of email whose sender no single account has (e.g. an "Unmatched mail" account agents triage);
   * empty: such email is refused with 409 and the mail gateway keeps it.
   */
  TICKET_UNMATCHED_MAIL_ACCOUNT_ID: {
    describe: 'an account id (UUID), or empty',
    optional: false,
    fallback: '',
    parse: (raw: string) =>
      !raw.trim() || normalizeUuid(raw) ? (normalizeUuid(raw) ?? '') : { problem: 'must be an account id (a UUID)' },
  } satisfies EnvVar<string>,
  /** A ticket waiting unassigned in its queue this long raises crm.ticket.ticket.unassigned_alert (once per wait). */
  TICKET_UNASSIGNED_ALERT_MINUTES: env.int({ min: 1, max: 10080, default: 30 }),
  /** How often the SLA schedule looks for due warnings and breaches (and tickets of edited policies), in ms. */
  SLA_SCHEDULE_MS: env.int({ min: 1000, max: 3_600_000, default: 15_000 }),
  /** Idempotency keys of create mutations are remembered this long. */
  IDEMPOTENCY_KEY_RETENTION_DAYS: env.int({ min: 1, max: 365, default: 7 }),
  /** SURVEY_*: satisfaction survey links and the low-rating policy (survey-config.ts). */
  ...surveyConfigSpec,
};
