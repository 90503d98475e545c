import { ConfigError, env, loadConfig } from './env-config';

const spec = {
  DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
  PORT: env.port({ default: 4000 }),
  POOL: env.int({ min: 1, max: 50, default: 10 }),
  MODE: env.oneOf(['dev', 'prod'] as const, { default: 'dev' }),
  CLIENT_SECRET: env.string({ optional: true }),
};

describe('configuration from the environment', () => {
  it('reads valid values and fills defaults', () => {
    expect(loadConfig(spec, { DATABASE_URL: 'postgres://u:p@db/crm', POOL: '20' })).toEqual({
      DATABASE_URL: 'postgres://u:p@db/crm',
      PORT: 4000,
      POOL: 20,
      MODE: 'dev',
      CLIENT_SECRET: undefined,
    });
  });

  it('names every wrong or missing variable and what it must be, at once', () => {
    const attempt = () => loadConfig(spec, { PORT: '99999', POOL: '0', MODE: 'test', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    const problems = (() => {
      try {
        attempt();
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems.map((p) => p.variable)).toEqual(['DATABASE_URL', 'PORT', 'POOL', 'MODE']);
    expect(problems[0].problem).toMatch(/scheme postgres or postgresql/);
    expect(problems[1].problem).toMatch(/TCP port/);
    expect(problems[2].problem).toMatch(/from 1 to 50/);
    expect(problems[3].problem).toMatch(/one of dev, prod/);
  });

  it('says a required variable is missing', () => {
    expect(() => loadConfig(spec, {})).toThrow(/DATABASE_URL: is required/);
  });

  it('never repeats a secret or a password in its message', () => {
    const secretSpec = { CLIENT_SECRET: env.int(), DATABASE_URL: env.int() };
    try {
      loadConfig(secretSpec, { CLIENT_SECRET: 'hunter2', DATABASE_URL: 'postgres://app:s3cret@db/crm' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(String((error as Error).message)).not.toMatch(/hunter2|s3cret/);
    }
  });

  it('masks the password of a URL in its message, and only that', () => {
    const urlSpec = { DATABASE_URL: env.int() };
    expect(() => loadConfig(urlSpec, { DATABASE_URL: 'see http://x/ then postgres://app:s3cret@db/crm' })).toThrow(
      'see http://x/ then postgres://app:***@db/crm',
    );
  });
});
