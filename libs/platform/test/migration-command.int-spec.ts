import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@crm/testing';

const fixture = join(__dirname, 'fixtures', 'migrate-fixture.ts');

function migrate(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('migration command', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migration_command');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('applies pending migrations once, reports an up-to-date schema, and reverts the last with --revert', () => {
    const env = { WIDGETS_DATABASE_URL: db.url };
    expect(migrate(env)).toMatchObject({ code: 0, out: 'widgets: applied Widgets1700000000000\n' });
    expect(migrate(env)).toMatchObject({ code: 0, out: 'widgets: schema up to date\n' });
    expect(migrate(env, '--revert')).toMatchObject({ code: 0, out: 'widgets: reverted the last migration\n' });
    expect(migrate(env)).toMatchObject({ code: 0, out: 'widgets: applied Widgets1700000000000\n' });
  });

  it('exits with the config error status (78) naming the variable when the database URL is missing', () => {
    const run = migrate({ WIDGETS_DATABASE_URL: '' });
    expect(run.code).toBe(78);
    expect(run.err).toMatch(/WIDGETS_DATABASE_URL/);
  });
});
