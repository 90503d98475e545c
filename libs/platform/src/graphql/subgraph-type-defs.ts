import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/**
 * The SDL every subgraph serves besides its own (the audit types): in the source tree beside this file, and in a
 * service's bundle under the same name beside main.js (scripts/build copies it), since __dirname is the bundle's.
 */
export const sharedSdlDir = join(__dirname, 'shared-sdl');

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'schema.graphql' ? -1 : b === 'schema.graphql' ? 1 : a.localeCompare(b)))
    .map((f) => join(dir, f));
}

/**
 * The files of a subgraph's SDL, in order: the folder's schema.graphql (its federation @link), the platform's shared
 * SDL, then the folder's other *.graphql files by name. The service, the gateway's composition and the resolver
 * codegen all read this list.
 */
export function subgraphSdlFiles(dir: string): string[] {
  const [first, ...rest] = graphqlFiles(dir);
  return [...(first ? [first] : []), ...graphqlFiles(sharedSdlDir), ...rest];
}

/** A subgraph's SDL, parsed: the files of subgraphSdlFiles(dir). */
export function subgraphTypeDefs(dir: string): DocumentNode {
  return parse(
    subgraphSdlFiles(dir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n'),
  );
}
