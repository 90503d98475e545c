import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** A folder's *.graphql files, schema.graphql first: a subgraph's SDL (the gateway composes the same files). */
export function subgraphTypeDefs(dir: string): DocumentNode {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'schema.graphql' ? -1 : b === 'schema.graphql' ? 1 : a.localeCompare(b)));
  return parse(files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'));
}
