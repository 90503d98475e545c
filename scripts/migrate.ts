// `make migrate`: each service's pending migrations, in the order of libs/testing/src/stack-services.ts. Each reads
// its own database URL variable (e.g. CUSTOMER_DATABASE_URL); the first failure stops the run.
import { spawnSync } from 'node:child_process';
import { repoRoot, stackServices } from '@crm/testing';

for (const service of stackServices) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', service.migrate, ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
