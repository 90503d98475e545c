import { spawnSync } from 'node:child_process';
import { repoRoot } from './repo-root';

describe("the portal's generated GraphQL types", () => {
  it('match the composed supergraph and the documents in src/ (run `make codegen` when this fails)', () => {
    // In a process of its own: graphql-codegen's CLI loads ES modules that jest's CommonJS runtime cannot.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graphql-codegen.ts', '--check'], {
      cwd: repoRoot(),
      encoding: 'utf8',
    });
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({
      status: 0,
      output: expect.stringMatching(/^codegen: \d+ generated file\(s\) up to date\n$/),
    });
  }, 90_000);
});
