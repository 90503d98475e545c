// Verifies the audit chain of one service database:
//   DATABASE_URL=postgres://... node --import tsx libs/platform/src/audit/verify-cli.ts [--from-seq N] [--batch-size N] [--json]
// Exit status: 0 when the chain is intact, 1 when it is broken (naming the first broken seq), 2 when it could not run.
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { verifyAuditChain, type AuditChainVerification, type VerifyAuditChainOptions } from './audit-verify';

function options(): { verify: VerifyAuditChainOptions; json: boolean } {
  const { values } = parseArgs({
    options: { 'from-seq': { type: 'string' }, 'batch-size': { type: 'string' }, json: { type: 'boolean' } },
  });
  const integer = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(text)) throw new Error(`--${name} must be a positive integer`);
    return Number(text);
  };
  return {
    verify: {
      fromSeq: integer('from-seq', values['from-seq']),
      batchSize: integer('batch-size', values['batch-size']),
    },
    json: values.json ?? false,
  };
}

function describe(result: AuditChainVerification): string {
  if (result.ok) {
    return result.lastSeq === null
      ? 'audit chain OK: no rows'
      : `audit chain OK: ${result.rows} rows verified, last seq ${result.lastSeq}, last hash ${result.lastHash}`;
  }
  return `audit chain BROKEN at seq ${result.firstBrokenSeq} (${result.reason}): ${result.message}; ${result.rows} rows verified before it`;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const { verify, json } = options();
  const client = new Client({
    connectionString: url,
    application_name: 'audit-verify',
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    // One snapshot for the whole scan: a purge or append running meanwhile cannot make it report a false break.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await verifyAuditChain(client, verify);
    await client.query('COMMIT');
    process.stdout.write(`${json ? JSON.stringify(result) : describe(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `audit verification could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
