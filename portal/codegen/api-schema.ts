import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { repoRoot } from './repo-root';

/** The composed supergraph the gateway serves (verified fresh by gateway/src/committed-supergraph.spec.ts). */
export const supergraphPath = join(repoRoot(), 'gateway/supergraph.graphql');

/** The schema clients see: the supergraph without its federation machinery (join/link directives, inaccessible). */
export function apiSchemaSdl(supergraphSdl = readFileSync(supergraphPath, 'utf8')): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}
