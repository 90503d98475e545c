import { readFile, stat } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdlFiles } from '@crm/platform/graphql';
import { resolveFromRepoRoot } from './repo-root';
import type { SubgraphDefinition } from './subgraphs';

/** A subgraph's SDL text, ready to compose. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `supergraph composition failed with ${problems.length} error(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'CompositionError';
  }
}

/** Composes the supergraph SDL; throws a CompositionError listing every problem (parse and composition). */
export function composeSupergraph(sources: readonly SubgraphSource[]): string {
  const problems: string[] = [];
  const services = sources.flatMap((source) => {
    try {
      return [{ name: source.name, url: source.url, typeDefs: parse(source.sdl) }];
    } catch (error) {
      problems.push(`[${source.name}] ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (problems.length) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(
      result.errors.map((e) => (e.extensions.code ? `${e.extensions.code}: ${e.message}` : e.message)),
    );
  }
  return result.supergraphSdl;
}

/** Reads each subgraph's SDL file (relative to the repository root); a missing file is a composition error. */
export async function readSubgraphSources(definitions: readonly SubgraphDefinition[]): Promise<SubgraphSource[]> {
  const problems: string[] = [];
  const sources: SubgraphSource[] = [];
  for (const definition of definitions) {
    try {
      const sdl = await readSubgraphSdl(resolveFromRepoRoot(definition.sdlPath));
      sources.push({ name: definition.name, url: definition.defaultUrl, sdl });
    } catch (error) {
      problems.push(
        `[${definition.name}] cannot read ${definition.sdlPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (problems.length) throw new CompositionError(problems);
  return sources;
}

/**
 * A subgraph's SDL: one file, or a service's folder of *.graphql files with the platform's shared SDL
 * (subgraphSdlFiles: the same files, in the same order, the service itself serves).
 */
export async function readSubgraphSdl(path: string): Promise<string> {
  if (!(await stat(path)).isDirectory()) return readFile(path, 'utf8');
  const parts = await Promise.all(subgraphSdlFiles(path).map((f) => readFile(f, 'utf8')));
  return parts.join('\n');
}
