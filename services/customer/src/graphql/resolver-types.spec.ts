import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

describe('generated resolver types', () => {
  it('match what the subgraph SDL generates today (run `make codegen` when this fails)', () => {
    // In a process of its own: graphql-codegen's CLI loads ES modules that jest's CommonJS runtime cannot.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graphql-codegen.ts', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({
      status: 0,
      output: expect.stringMatching(/^codegen: \d+ generated file\(s\) up to date\n$/),
    });
  }, 60_000);
});
