import { ConfigError, loadConfig } from '@crm/platform/config';
import { surveyConfigSpec, surveySettingsOf } from './survey-config';

const secret = 'k'.repeat(32);

function settings(env: Record<string, string>, development = false) {
  return surveySettingsOf({ ...loadConfig(surveyConfigSpec, env), AUTH_ALLOW_DEVELOPMENT_CLIENTS: development });
}

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('survey configuration', () => {
  it('reads the secret, the public URL and the policy', () => {
    expect(
      settings({
        SURVEY_LINK_SECRET: secret,
        SURVEY_PUBLIC_BASE_URL: 'https://support.example.com/',
        SURVEY_EXPIRY_DAYS: '3',
        SURVEY_LOW_RATING_THRESHOLD: '1',
        SURVEY_LOW_RATING_ACTION: 'escalate',
        SURVEY_DEFAULT_LOCALE: 'en',
      }),
    ).toEqual({
      linkSecret: secret,
      publicBaseUrl: 'https://support.example.com',
      expiryDays: 3,
      lowRating: { threshold: 1, action: 'escalate' },
      defaultLocale: 'en',
    });
  });

  it('defaults to 14 days, reopen at 2 or below, Chinese', () => {
    const read = settings({ SURVEY_LINK_SECRET: secret, SURVEY_PUBLIC_BASE_URL: 'https://support.example.com' });
    expect(read).toMatchObject({ expiryDays: 14, lowRating: { threshold: 2, action: 'reopen' }, defaultLocale: 'zh' });
  });

  it('requires the secret and the public URL outside development, naming both', () => {
    expect(problemsOf(() => settings({}))).toEqual(['SURVEY_LINK_SECRET', 'SURVEY_PUBLIC_BASE_URL']);
  });

  it('has development defaults only with the development flag', () => {
    const read = settings({}, true);
    expect(read.linkSecret.length).toBeGreaterThanOrEqual(32);
    expect(read.publicBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a short secret without echoing it', () => {
    try {
      loadConfig(surveyConfigSpec, { SURVEY_LINK_SECRET: 'short-secret' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('SURVEY_LINK_SECRET: must be at least 32 characters');
      expect((error as ConfigError).message).not.toContain('short-secret');
    }
  });

  it.each([
    ['SURVEY_LOW_RATING_ACTION', 'close'],
    ['SURVEY_LOW_RATING_THRESHOLD', '6'],
    ['SURVEY_EXPIRY_DAYS', '0'],
    ['SURVEY_PUBLIC_BASE_URL', 'ftp://example.com'],
  ])('refuses %s=%s', (variable, value) => {
    expect(problemsOf(() => loadConfig(surveyConfigSpec, { [variable]: value }))).toEqual([variable]);
  });
});
