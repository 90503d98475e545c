import type { SubgraphEndpoint } from '../engine/graph-engine';

export type ProbeResult = { name: string; ok: true } | { name: string; ok: false; reason: string };

/** Asks a subgraph the cheapest question there is, `{ __typename }`, and says whether it answered in time. */
export async function probeSubgraph(subgraph: SubgraphEndpoint, timeoutMs: number): Promise<ProbeResult> {
  try {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { name: subgraph.name, ok: false, reason: `HTTP ${response.status}` };
    const body: unknown = await response.json();
    const typename = isRecord(body) && isRecord(body.data) ? body.data.__typename : undefined;
    return typeof typename === 'string'
      ? { name: subgraph.name, ok: true }
      : { name: subgraph.name, ok: false, reason: 'no data.__typename in the answer' };
  } catch (error) {
    return { name: subgraph.name, ok: false, reason: describe(error, timeoutMs) };
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (isRecord(cause) && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
