import { env, hostedServiceConfigSpec, type EnvVar } from '@crm/platform/config';

/** Every environment variable the sales-pipeline service reads, validated at start. */
export const salesConfigSpec = {
  ...hostedServiceConfigSpec,
  SALES_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  SALES_GRPC_PORT: env.port({ default: 50052 }),
  SALES_HTTP_PORT: env.port({ default: 4002 }),
  SALES_DB_POOL_SIZE: env.int({ min: 1, max: 200, default: 10 }),
  /** The customer service's gRPC address (host:port): accounts are checked there with the caller's own token. */
  CUSTOMER_GRPC_ADDRESS: env.string({ default: '127.0.0.1:50051' }),
  /** crm-services: the service account that reads Keycloak users and groups (a deal's new owner and their team). */
  KEYCLOAK_SERVICES_CLIENT_ID: env.string({ default: 'crm-services' }),
  KEYCLOAK_SECRET_CRM_SERVICES: env.string({ default: 'dev-crm-services-secret' }),
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
  /** The month (1-12) the fiscal year starts in: forecast quarters and years follow it (FY named by its end year). */
  FISCAL_YEAR_START_MONTH: env.int({ min: 1, max: 12, default: 1 }),
  /** A quote whose largest line discount is above this percent waits for a manager's approval (at it: no wait). */
  QUOTE_DISCOUNT_APPROVAL_PERCENT: {
    describe: 'a percent from 0 to 100 as a decimal, e.g. 15 or 12.5',
    optional: false,
    fallback: '15',
    parse: (raw: string) =>
      /^\d{1,3}(\.\d{1,4})?$/.test(raw.trim()) && Number(raw.trim()) <= 100
        ? raw.trim()
        : { problem: 'must be a percent from 0 to 100, e.g. 15 or 12.5' },
  } satisfies EnvVar<string>,
  /** IANA time zone whose calendar decides when an instalment is due, due soon or overdue. */
  SALES_TIME_ZONE: {
    describe: 'an IANA time zone, e.g. Asia/Shanghai',
    optional: false,
    fallback: 'Asia/Shanghai',
    parse: (raw: string) => {
      try {
        return new Intl.DateTimeFormat('en', { timeZone: raw.trim() }).resolvedOptions().timeZone;
      } catch {
        return { problem: 'must be an IANA time zone, e.g. Asia/Shanghai' };
      }
    },
  } satisfies EnvVar<string>,
  /** The crm.sales.instalment.due notice goes out this many days before an instalment's due date. */
  INSTALMENT_DUE_NOTICE_DAYS: env.int({ min: 0, max: 90, default: 7 }),
  /** How often the due and overdue notices of instalments are looked for. */
  INSTALMENT_NOTICE_MINUTES: env.int({ min: 1, max: 1440, default: 15 }),
  /** Idempotency keys of create mutations are remembered this long. */
  IDEMPOTENCY_KEY_RETENTION_DAYS: env.int({ min: 1, max: 365, default: 7 }),
  /** A lead conversion stuck in a middle state (customer service down) is abandoned after this many sweeps. */
  LEAD_CONVERSION_MAX_ATTEMPTS: env.int({ min: 1, max: 1000, default: 10 }),
};
