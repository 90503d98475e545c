import type { Client } from 'pg';
import type { CountingProxy } from './counting-proxy';

/** What a request cost one subgraph: the gateway's calls to it and the SQL statements its database ran. */
export interface SubgraphCost<T> {
  result: T;
  calls: number;
  statements: number;
}

/**
 * Runs `run` and counts the calls `proxy` forwarded and the statements (pg_stat_statements, which `db` must have
 * created) that named one of `tables` in `db`'s database meanwhile; pick tables the service's own jobs do not touch.
 */
export async function subgraphCost<T>(
  db: Client,
  proxy: CountingProxy,
  tables: readonly string[],
  run: () => Promise<T>,
): Promise<SubgraphCost<T>> {
  const pattern = `\\m(${tables.join('|')})\\M`;
  const count = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT coalesce(sum(s.calls), 0)::int AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = current_database() AND s.query ~ $1`,
        [pattern],
      )
    ).rows[0]!.n;
  // Events of the test's own setup may still be projected into these tables (a loaded CI machine lags): wait for
  // half a second in which nothing touches them, so only the request is counted.
  const deadline = Date.now() + 30_000;
  for (;;) {
    await db.query('SELECT pg_stat_statements_reset()');
    await new Promise((resolve) => setTimeout(resolve, 500));
    if ((await count()) === 0 || Date.now() > deadline) break;
  }
  await db.query('SELECT pg_stat_statements_reset()');
  proxy.reset();
  const result = await run();
  const calls = proxy.calls();
  return { result, statements: await count(), calls };
}
