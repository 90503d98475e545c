import type { DataSource, QueryRunner } from 'typeorm';
import { describeWithKeycloak, eventually } from '@crm/testing';
import { asServiceAccount, type GraphqlCall } from './service-account-client';
import { salesDataSource } from '../src/db/data-source';
import { createContract } from './contract-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const feed = `query($after: String, $since: DateTime, $first: Int) {
  financeChanges(after: $after, changedSince: $since, first: $first) {
    edges { cursor node { kind entityId invoice { externalReference } payment { externalReference amount { amount } } contract { paymentPlan { version } } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface FeedPage {
  financeChanges: {
    edges: { node: { kind: string; entityId: string; invoice: { externalReference: string } | null } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describeWithKeycloak('finance change feed', () => {
  let h: SalesHarness;
  let erp: GraphqlCall;
  let contractId: string;
  /** The racing writers' own pool: they hold their connections open while the service keeps serving. */
  let writerPool: DataSource;

  beforeAll(async () => {
    h = await startSalesHarness('sales_finance_changes');
    writerPool = await salesDataSource(h.db.url, 12).initialize();
    erp = await asServiceAccount(h, 'crm-finance');
    ({ contractId } = await createContract(h, { value: '1000000' }));
  }, 120_000);
  afterAll(async () => {
    await writerPool?.destroy();
    await h?.stop();
  });

  /** Reads every page from `after` on, as an ERP does, and returns the changes and where to resume. */
  async function drain(
    after: string | null,
  ): Promise<{ seen: FeedPage['financeChanges']['edges']; cursor: string | null }> {
    const seen: FeedPage['financeChanges']['edges'] = [];
    let cursor = after;
    for (;;) {
      const res = await erp(feed, { after: cursor, first: 2 });
      expect(res.errors).toBeUndefined();
      const page = (res.data as unknown as FeedPage).financeChanges;
      seen.push(...page.edges);
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) return { seen, cursor };
    }
  }

  /**
   * Drains until `count` changes came (rows of transactions younger than one still running anywhere in the cluster
   * wait for it: another test's open transaction may hold them back a moment).
   */
  // The feed holds rows back until every older transaction of the PostgreSQL cluster ended (the snapshot's xmin), and
  // the other suites share that cluster: a wait is bounded by time (30 s), not by a number of quick tries.
  async function drainAtLeast(after: string | null, count: number): Promise<Awaited<ReturnType<typeof drain>>> {
    const out = await drain(after);
    const deadline = Date.now() + 30_000;
    while (out.seen.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const more = await drain(out.cursor);
      out.seen.push(...more.seen);
      out.cursor = more.cursor;
    }
    return out;
  }

  const raceReferences = (edges: FeedPage['financeChanges']['edges']) =>
    edges.map((e) => e.node.invoice?.externalReference ?? '').filter((r) => r.startsWith('RACE-'));

  it('hands out the contract, then payments written through the API, each with its record', async () => {
    const start = await drainAtLeast(null, 1);
    expect(start.seen.map((e) => e.node)).toEqual([
      expect.objectContaining({ kind: 'CONTRACT', entityId: contractId }),
    ]);
    const payment = await erp(`mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { contractId, externalReference: 'FEED-1', amount: '10', currency: 'CNY', receivedAt: new Date() },
    });
    expect(payment.errors).toBeUndefined();
    const next = await drainAtLeast(start.cursor, 1);
    expect(next.seen.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'PAYMENT',
        payment: { externalReference: 'FEED-1', amount: { amount: '10.00' } },
      }),
    ]);
    const [{ reads }]: { reads: string }[] = await h.app.dataSource.query(
      `SELECT count(*)::text AS reads FROM audit_log WHERE action = 'finance_changes.read'`,
    );
    expect(Number(reads)).toBeGreaterThanOrEqual(2);
    // Nothing new: an empty page keeps the caller where it was.
    const idle = await drain(next.cursor);
    expect(idle).toEqual({ seen: [], cursor: next.cursor });
  });

  it('misses no row and repeats none while writers commit concurrently and out of order', async () => {
    const { cursor: start } = await drain(null);
    const writers: QueryRunner[] = [];
    const references: string[] = [];
    try {
      // Ten writers start in order 0..9 (their transaction ids and change sequences follow that order) ...
      for (let i = 0; i < 10; i++) {
        const runner = writerPool.createQueryRunner();
        await runner.startTransaction();
        const reference = `RACE-${i}`;
        await runner.query(
          `INSERT INTO invoices (id, contract_id, caller, external_reference, amount, currency, issued_on, recorded_at)
           VALUES (gen_random_uuid(), $1, 'erp', $2, 1, 'CNY', current_date, now())`,
          [contractId, reference],
        );
        writers.push(runner);
        references.push(reference);
      }
      // ... and commit in another order, while the ERP keeps paging from where it stopped.
      const commitOrder = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4];
      const seen: string[] = [];
      let cursor = start;
      for (const index of commitOrder) {
        await writers[index]!.commitTransaction();
        const pass = await drain(cursor);
        seen.push(...raceReferences(pass.seen));
        cursor = pass.cursor;
      }
      const last = await drainAtLeast(cursor, references.length - seen.length);
      seen.push(...raceReferences(last.seen));
      expect([...seen].sort()).toEqual([...references].sort());
      expect(new Set(seen).size).toBe(seen.length);
      // Held back until the oldest writer committed: nothing came out before RACE-0, the oldest, was committed.
      expect(seen[0]).toBe('RACE-0');
    } finally {
      for (const runner of writers) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });

  it('starts a sync from changedSince and then follows the cursor', async () => {
    const since = new Date();
    await h.app.dataSource.query(
      `INSERT INTO invoices (id, contract_id, caller, external_reference, amount, currency, issued_on, recorded_at)
       VALUES (gen_random_uuid(), $1, 'erp', 'SINCE-1', 1, 'CNY', current_date, now())`,
      [contractId],
    );
    const edges = await eventually(
      async () =>
        ((await erp(feed, { since: since.toISOString(), first: 50 })).data as unknown as FeedPage).financeChanges.edges,
      (page) => page.length > 0,
      { timeoutMs: 30_000 },
    );
    expect(edges.map((e) => e.node.invoice?.externalReference)).toEqual(['SINCE-1']);
  });

  it('hands out a deal when it is won, and again when it is no longer won; open deals never', async () => {
    const { cursor } = await drainAtLeast(null, 0);
    const { opportunityId } = await createContract(h, { value: '5000' });
    const setStatus = (status: string) =>
      h.app.dataSource.query(
        `UPDATE opportunities SET status = $2, closed_at = CASE WHEN $2 = 'open' THEN NULL ELSE now() END WHERE id = $1`,
        [opportunityId, status],
      );
    await setStatus('won');
    await setStatus('open');
    const { seen } = await drainAtLeast(cursor, 3);
    const deals = seen.filter((e) => e.node.kind === 'WON_DEAL');
    expect(deals.map((e) => e.node.entityId)).toEqual([opportunityId, opportunityId]);
    const res = await erp(
      `query($after: String) { financeChanges(after: $after, first: 50) { edges { node { kind opportunity { id status } } } } }`,
      { after: cursor },
    );
    const nodes = (res.data as { financeChanges: { edges: { node: { kind: string; opportunity: unknown } }[] } })
      .financeChanges.edges;
    expect(nodes.filter((e) => e.node.kind === 'WON_DEAL').map((e) => e.node.opportunity)).toEqual([
      { id: opportunityId, status: 'OPEN' },
      { id: opportunityId, status: 'OPEN' },
    ]);
  });
});
