import type { GraphEngine, SubgraphEndpoint } from '../engine/graph-engine';
import { probeSubgraph, type ProbeResult } from './subgraph-probe';

export interface Readiness {
  readonly ready: boolean;
  readonly engine: 'loaded' | 'not loaded';
  /** Names of the subgraphs that did not answer. */
  readonly failed: readonly string[];
  readonly subgraphs: readonly ProbeResult[];
}

/** Ready when the engine is loaded and every subgraph answers, all probed in parallel within timeoutMs. */
export async function checkReadiness(
  engine: GraphEngine,
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs: number,
): Promise<Readiness> {
  const results = await Promise.all(subgraphs.map((s) => probeSubgraph(s, timeoutMs)));
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  const loaded = engine.isReady();
  return { ready: loaded && failed.length === 0, engine: loaded ? 'loaded' : 'not loaded', failed, subgraphs: results };
}
