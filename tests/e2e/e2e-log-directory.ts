import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';

/** Set on the test file's global by `failure-recording-environment.ts` once a test or hook of the file fails. */
export const TEST_FAILED_GLOBAL = '__crmE2eTestFailed';

export interface E2eLogDirectory {
  /** Where the stack writes each process's log (`StackOptions.logDir`). */
  path: string;
  /** For `afterAll`, after the stack stopped: removes the logs, or keeps them (and says where) if a test failed. */
  removeUnlessFailed(): void;
}

/** A fresh folder under `.tmp/e2e-logs/` (git-ignored) for one test file's stack logs, kept only as evidence of a failure. */
export function e2eLogDirectory(label: string, root = join(repoRoot, '.tmp', 'e2e-logs')): E2eLogDirectory {
  const path = join(root, `${label}-${process.pid}-${Date.now()}`);
  return {
    path,
    removeUnlessFailed() {
      if ((globalThis as Record<string, unknown>)[TEST_FAILED_GLOBAL] === true) {
        process.stderr.write(`e2e: a test failed; the processes' logs are kept in ${path}\n`);
      } else {
        rmSync(path, { recursive: true, force: true });
      }
    },
  };
}
