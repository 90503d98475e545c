import { resolveFromRepoRoot } from './repo-root';

/** Where the composed supergraph is written (build output, checked in and verified by a test). */
export const committedSupergraphPath = resolveFromRepoRoot('gateway/supergraph.graphql');

/** The command that regenerates it, quoted in error messages. */
export const composeCommand = 'node --import tsx gateway/scripts/compose.ts';

/** The exact file content for a composed supergraph (composition output, one trailing newline), so check and script agree. */
export function supergraphFileContent(supergraphSdl: string): string {
  return `${supergraphSdl.trimEnd()}\n`;
}
