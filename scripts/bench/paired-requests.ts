// Timing a measured request against its baseline in the same run: pairs in alternating order, then one table row each.
import { performance } from 'node:perf_hooks';
import { benchRep } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { startBenchIssuer } from './bench-issuer';
import { formatMs, type LatencySummary } from './stats';

export interface PairedTimings {
  baseline: number[];
  measured: number[];
  errors: number;
}

/**
 * Runs `warmUp` untimed pairs, then `count` timed ones. The order inside a pair alternates, so neither request gains
 * from the other warming a cache or the connection. Up to 1% of the requests (at least 10) may fail.
 */
export async function timePairs(
  count: number,
  warmUp: number,
  request: (measured: boolean, i: number) => Promise<number>,
): Promise<PairedTimings> {
  const timings: PairedTimings = { baseline: [], measured: [], errors: 0 };
  const run = async (pairs: number, record: boolean) => {
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? ([false, true] as const) : ([true, false] as const);
      for (const measured of order) {
        try {
          const ms = await request(measured, i);
          if (record) (measured ? timings.measured : timings.baseline).push(ms);
        } catch (error) {
          timings.errors += 1;
          if (timings.errors > Math.max(10, pairs / 100)) throw error;
        }
      }
    }
  };
  await run(warmUp, false);
  await run(count, true);
  return timings;
}

/** One GraphQL POST with a bearer token: its round-trip time, status and parsed body. */
export async function timedGraphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ ms: number; status: number; body: { data?: T; errors?: unknown[] } }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  return { ms: performance.now() - started, status: response.status, body };
}

/**
 * A token issuer standing in for Keycloak, the variables a service or gateway needs to trust it, and a token of the
 * bench's sales rep as the portal would send it (RS256, the sales-rep role and their team).
 */
export async function benchRepCaller(cleanup: CleanupStack): Promise<{ auth: NodeJS.ProcessEnv; token: string }> {
  const realm = await startBenchIssuer();
  cleanup.add('token issuer', realm.stop);
  const token = await realm.token({
    subject: benchRep.id,
    roles: ['sales-rep'],
    groups: benchRep.teams.map((t) => `/teams/${t}`),
    username: 'bench.rep',
  });
  return { auth: { KEYCLOAK_ISSUER: realm.issuer, JWT_AUDIENCE: realm.audience }, token };
}

/** A report table row: name, p50, p95, p99, mean and the ratio to the baseline. */
export function latencyRow(name: string, s: LatencySummary, vs: string): string[] {
  return [name, formatMs(s.p50Ms), formatMs(s.p95Ms), formatMs(s.p99Ms), formatMs(s.meanMs), vs];
}
