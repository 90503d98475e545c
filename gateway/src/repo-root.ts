import path from 'node:path';

/** The repository root: paths in subgraphs.ts and SUPERGRAPH_PATH are relative to it, whatever the working directory. */
export const repoRoot = path.resolve(__dirname, '..', '..');

export function resolveFromRepoRoot(relativeOrAbsolute: string): string {
  return path.resolve(repoRoot, relativeOrAbsolute);
}
