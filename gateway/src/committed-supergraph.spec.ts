import { readFile } from 'node:fs/promises';
import { composeSupergraph, readSubgraphSources } from './compose-supergraph';
import { committedSupergraphPath, composeCommand, supergraphFileContent } from './supergraph-file';
import { subgraphs } from './subgraphs';

describe('committed gateway/supergraph.graphql', () => {
  it('is identical to a fresh composition of the subgraph SDL files', async () => {
    const fresh = supergraphFileContent(composeSupergraph(await readSubgraphSources(subgraphs)));
    const committed = await readFile(committedSupergraphPath, 'utf8').catch(() => '');

    if (committed !== fresh) {
      throw new Error(
        `gateway/supergraph.graphql is ${committed ? 'stale' : 'missing'}: a subgraph SDL changed since it was composed.\n` +
          `Regenerate it from the repository root with:\n  ${composeCommand}\nand commit the result.`,
      );
    }
  });
});
