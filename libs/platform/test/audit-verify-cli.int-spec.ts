import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { appendMany, createAuditTestDatabase, tamper, type AuditTestDatabase } from './fixtures/audit-test-database';

const cli = join(repoRoot, 'libs/platform/src/audit/verify-cli.ts');

/** Runs the verify command the way an operator does: `node --import tsx verify-cli.ts` with DATABASE_URL. */
function runCli(
  databaseUrl: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('audit verify command', () => {
  let db: AuditTestDatabase;

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_verify_cli');
    await appendMany(db.dataSource, 40);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('exits 0 on an intact chain and says how far it verified', async () => {
    const { code, stdout, stderr } = await runCli(db.url, ['--batch-size', '16']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^audit chain OK: 40 rows verified, last seq 40, last hash [0-9a-f]{64}\n$/);
  });

  it('exits 1 on a broken chain, naming the first broken seq', async () => {
    await tamper(db.dataSource, `UPDATE audit_log SET changes = '[]' WHERE seq = 37`);

    const text = await runCli(db.url);
    const json = await runCli(db.url, ['--json']);

    expect(text.code).toBe(1);
    expect(text.stdout).toContain('audit chain BROKEN at seq 37 (hash_mismatch)');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, rows: 36, firstBrokenSeq: 37, reason: 'hash_mismatch' });
  });

  it('exits 2 when it cannot run', async () => {
    const { code, stderr } = await runCli(db.url, ['--batch-size', 'lots']);

    expect(code).toBe(2);
    expect(stderr).toContain('--batch-size must be a positive integer');
  });
});
