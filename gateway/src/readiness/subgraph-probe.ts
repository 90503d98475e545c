import type { SubgraphEndpoint } from '../engine/graph-engine';

export type ProbeResult = { name: string; ok: true } | { name: string; ok: false; reason: string };

/**
 * Asks the subgraph's own readiness endpoint (`/readyz` beside its `/graphql`), which checks its database and bus;
 * a GraphQL probe would need a token, since every subgraph authenticates each request itself.
 */
export async function probeSubgraph(subgraph: SubgraphEndpoint, timeoutMs: number): Promise<ProbeResult> {
  try {
    const response = await fetch(new URL('/readyz', subgraph.url), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok
      ? { name: subgraph.name, ok: true }
      : { name: subgraph.name, ok: false, reason: `readyz answered HTTP ${response.status}` };
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
