import { ConfigError, env, type ConfigOf, type EnvVar } from '@crm/platform/config';
import { surveyLocales, surveyLowRatingActions, type LowRatingPolicy, type SurveyLocale } from './domain/survey-answer';

const minSecretLength = 32;
/** Used only with AUTH_ALLOW_DEVELOPMENT_CLIENTS=true (`make dev`, the tests): links it signs are worthless elsewhere. */
const developmentSecret = 'dev-survey-link-secret-not-for-production-use';
const developmentBaseUrl = 'http://127.0.0.1:4003';

/** The survey variables, spread into the ticket service's config spec (src/ticket-config.ts). */
export const surveyConfigSpec = {
  /** HMAC-SHA256 key of survey links; required unless AUTH_ALLOW_DEVELOPMENT_CLIENTS=true. */
  SURVEY_LINK_SECRET: {
    describe: `a random string of at least ${minSecretLength} characters`,
    optional: true,
    parse: (raw: string) =>
      raw.length >= minSecretLength ? raw : { problem: `must be at least ${minSecretLength} characters` },
  } satisfies EnvVar<string>,
  /** Where customers reach this service's /surveys routes from outside, e.g. https://support.example.com. */
  SURVEY_PUBLIC_BASE_URL: env.url({ protocols: ['http', 'https'], optional: true }),
  /** A survey link works this many days after the ticket was resolved. */
  SURVEY_EXPIRY_DAYS: env.int({ min: 1, max: 90, default: 14 }),
  /** Ratings at or below this are low and followed up (SURVEY_LOW_RATING_ACTION). */
  SURVEY_LOW_RATING_THRESHOLD: env.int({ min: 1, max: 5, default: 2 }),
  /** reopen (within the reopen window; escalate after it) or escalate (to the team's manager). */
  SURVEY_LOW_RATING_ACTION: env.oneOf(surveyLowRatingActions, { default: 'reopen' }),
  /** The survey mail's language when the ticket does not show one (a subject in Chinese means zh). */
  SURVEY_DEFAULT_LOCALE: env.oneOf(surveyLocales, { default: 'zh' }),
};

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

export interface SurveySettings {
  linkSecret: string;
  /** Without a trailing slash. */
  publicBaseUrl: string;
  expiryDays: number;
  lowRating: LowRatingPolicy;
  defaultLocale: SurveyLocale;
}

/**
 * The survey settings, once the spec is loaded: the link secret and the public URL have development defaults only
 * when the development flag is on, so a production deployment without them stops at start naming them.
 */
export function surveySettingsOf(
  config: ConfigOf<typeof surveyConfigSpec> & { AUTH_ALLOW_DEVELOPMENT_CLIENTS: boolean },
): SurveySettings {
  const development = config.AUTH_ALLOW_DEVELOPMENT_CLIENTS;
  const problems: ConfigError['problems'] = [];
  const unlessDevelopment = 'is required unless AUTH_ALLOW_DEVELOPMENT_CLIENTS=true';
  if (!config.SURVEY_LINK_SECRET && !development)
    problems.push({
      variable: 'SURVEY_LINK_SECRET',
      problem: `${unlessDevelopment}: ${surveyConfigSpec.SURVEY_LINK_SECRET.describe}`,
    });
  if (!config.SURVEY_PUBLIC_BASE_URL && !development)
    problems.push({
      variable: 'SURVEY_PUBLIC_BASE_URL',
      problem: `${unlessDevelopment}: the public https URL of this service`,
    });
  if (problems.length) throw new ConfigError(problems);
  return {
    linkSecret: config.SURVEY_LINK_SECRET ?? developmentSecret,
    publicBaseUrl: withoutTrailingSlashes(config.SURVEY_PUBLIC_BASE_URL ?? developmentBaseUrl),
    expiryDays: config.SURVEY_EXPIRY_DAYS,
    lowRating: { threshold: config.SURVEY_LOW_RATING_THRESHOLD, action: config.SURVEY_LOW_RATING_ACTION },
    defaultLocale: config.SURVEY_DEFAULT_LOCALE,
  };
}
