import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { keycloakIssuer, repoRoot, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';

const run = promisify(execFile);

describe('make seed', () => {
  let stack: Stack;
  let sales: Client;

  beforeAll(async () => {
    stack = await startE2eStack('seed');
    sales = new Client({ connectionString: stack.databases['sales-pipeline'] });
    await sales.connect();
  }, 120_000);
  afterAll(async () => {
    await sales?.end();
    await stack?.stop();
  });

  const seed = () =>
    run('node', ['--import', 'tsx', 'scripts/seed.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        SEED_ACCOUNTS: '24',
        SEED_DEAL_ACCOUNTS: '18',
        GATEWAY_URL: stack.urls.gateway,
        CUSTOMER_GRPC_ADDRESS: stack.urls.customerGrpc,
        KEYCLOAK_ISSUER: keycloakIssuer(),
      },
    });

  const counts = async () =>
    (
      await sales.query<{ pipelines: number; deals: number; open_stages_used: number; open_stages: number }>(
        `SELECT (SELECT count(*)::int FROM pipelines) AS pipelines,
                (SELECT count(*)::int FROM opportunities) AS deals,
                (SELECT count(DISTINCT stage_id)::int FROM opportunities) AS open_stages_used,
                (SELECT count(*)::int FROM pipeline_stages WHERE kind = 'open') AS open_stages`,
      )
    ).rows[0]!;

  it('loads two pipelines and deals in every open stage of both, and a second run adds nothing', async () => {
    await seed();
    const first = await counts();
    expect(first).toMatchObject({ pipelines: 2, deals: 18, open_stages_used: first.open_stages });
    expect(first.open_stages).toBe(9);
    await seed();
    expect(await counts()).toEqual(first);
  }, 300_000);
});
