import { env, hostedServiceConfigSpec, type EnvVar } from '@crm/platform/config';
import { isPhoneCountry } from './domain/phone-number';
import { isTimeZone } from './domain/pool-rules';
import { defaultFollowUpCadence, parseFollowUpCadence, type FollowUpCadence } from './domain/follow-up-cadence';

/** Every environment variable the customer service reads, validated at start. */
export const customerConfigSpec = {
  ...hostedServiceConfigSpec,
  CUSTOMER_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  CUSTOMER_GRPC_PORT: env.port({ default: 50051 }),
  CUSTOMER_HTTP_PORT: env.port({ default: 4001 }),
  CUSTOMER_DB_POOL_SIZE: env.int({ min: 1, max: 200, default: 10 }),
  RECYCLE_BIN_RETENTION_DAYS: env.int({ min: 1, max: 3650, default: 30 }),
  /** Idempotency keys of gRPC creates (lead conversions) are kept this long, then pruned. */
  CREATION_KEY_RETENTION_DAYS: env.int({ min: 1, max: 3650, default: 30 }),
  /** crm-services: the service account that reads Keycloak users and groups (offboarding). */
  KEYCLOAK_SERVICES_CLIENT_ID: env.string({ default: 'crm-services' }),
  KEYCLOAK_SECRET_CRM_SERVICES: env.string({ default: 'dev-crm-services-secret' }),
  /** How often disabled Keycloak users are looked for and offboarded; 0 switches the poll off. */
  OFFBOARDING_POLL_SECONDS: env.int({ min: 0, max: 86_400, default: 300 }),
  /** true: an offboarded user's accounts return to the pool instead of going to the team's manager. */
  OFFBOARD_TO_POOL: env.bool({ default: false }),
  /** Customer pool (公海): claims per rep per day, counted from midnight in POOL_TIME_ZONE. */
  POOL_DAILY_CLAIM_CAP: env.int({ min: 1, max: 10_000, default: 20 }),
  /** A rep who owns this many live accounts claims no more. */
  POOL_MAX_OWNED_ACCOUNTS: env.int({ min: 1, max: 1_000_000, default: 500 }),
  /** Days before a previous owner may claim back an account they released (or that returned for lack of follow-up). */
  POOL_RECLAIM_COOLDOWN_DAYS: env.int({ min: 0, max: 365, default: 7 }),
  /** Days without follow-up before an account returns to the pool, per grade (ungraded counts as C). */
  POOL_RETURN_DAYS_A: env.int({ min: 1, max: 3650, default: 90 }),
  POOL_RETURN_DAYS_B: env.int({ min: 1, max: 3650, default: 60 }),
  POOL_RETURN_DAYS_C: env.int({ min: 1, max: 3650, default: 30 }),
  /** The owner is warned this many days before the return (and always gets this long after the warning). */
  POOL_WARNING_DAYS: env.int({ min: 0, max: 365, default: 7 }),
  /** Country (ISO 3166-1 alpha-2) of phone numbers typed without '+' and of imported addresses without a country. */
  DEFAULT_COUNTRY: {
    describe: 'an ISO 3166-1 alpha-2 country code, e.g. CN',
    optional: false,
    fallback: 'CN',
    parse: (raw: string) =>
      isPhoneCountry(raw.trim().toUpperCase())
        ? raw.trim().toUpperCase()
        : { problem: 'must be an ISO 3166-1 alpha-2 country code with a telephone numbering plan, e.g. CN' },
  } satisfies EnvVar<string>,
  /** Days between follow-ups per grade: an account past it is "follow-up due" (My day, AccountFilter.followUpDue). */
  FOLLOW_UP_CADENCE_DAYS: {
    describe: 'days between follow-ups per grade, e.g. A:7,B:14,C:30',
    optional: false,
    fallback: defaultFollowUpCadence,
    parse: (raw: string) => parseFollowUpCadence(raw),
  } satisfies EnvVar<FollowUpCadence>,
  /** IANA zone whose midnight starts a new claim day. */
  POOL_TIME_ZONE: {
    describe: 'an IANA time zone, e.g. Asia/Shanghai',
    optional: false,
    fallback: 'Asia/Shanghai',
    parse: (raw: string) => (isTimeZone(raw) ? raw : { problem: 'must be an IANA time zone, e.g. Asia/Shanghai' }),
  } satisfies EnvVar<string>,
};
