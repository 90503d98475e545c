import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';

// The stack's process logs of an e2e test file (.tmp/e2e-logs/) are evidence of a failure, and clutter otherwise.

describe('the process logs of an e2e test file', () => {
  it('are removed when all its tests pass, and kept when a test or a hook fails', () => {
    const root = mkdtempSync(join(tmpdir(), 'crm-e2e-logs-'));
    try {
      const run = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
          '--config',
          join(__dirname, 'fixtures', 'log-keeping', 'jest.config.js'),
          '--runInBand',
        ],
        { env: { ...process.env, CRM_LOG_FIXTURE_ROOT: root }, encoding: 'utf8' },
      );
      expect(run.stderr).toMatch(/Tests:\s+2 failed, 3 passed, 5 total/);
      const kept = readdirSync(root).map((name) => name.replace(/-\d+-\d+$/, ''));
      expect(kept.sort()).toEqual(['failing-hook', 'failing-test']);
      expect(run.stderr).toContain(`the processes' logs are kept in ${root}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
