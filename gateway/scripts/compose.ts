// Composes gateway/supergraph.graphql from the subgraph SDL files; exits 1 on a composition error.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CompositionError, composeSupergraph, readSubgraphSources } from '../src/compose-supergraph';
import { repoRoot } from '../src/repo-root';
import { subgraphs } from '../src/subgraphs';
import { committedSupergraphPath, supergraphFileContent } from '../src/supergraph-file';

async function compose(): Promise<void> {
  try {
    const supergraphSdl = composeSupergraph(await readSubgraphSources(subgraphs));
    await writeFile(committedSupergraphPath, supergraphFileContent(supergraphSdl));
    process.stdout.write(
      `composed ${subgraphs.map((s) => s.name).join(', ')} into ${path.relative(repoRoot, committedSupergraphPath)}\n`,
    );
  } catch (error) {
    process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

void compose();
