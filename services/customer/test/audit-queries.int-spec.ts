import { describeWithKeycloak } from '@crm/testing';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CHAIN = `{ customerAuditChainStatus { ok rows lastSeq lastHash firstBrokenSeq reason message } }`;
const HISTORY = `query ($entityId: ID!, $field: String, $first: Int, $after: String) {
  customerFieldHistory(entityType: "account", entityId: $entityId, field: $field, first: $first, after: $after) {
    edges { cursor node { seq field before after actorId action occurredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const TRAIL = `query ($entityId: ID, $action: String) {
  customerAuditTrail(entityType: "account", entityId: $entityId, action: $action) {
    edges { node { seq action entityId actor { id roles } changes { field before after } details } }
  }
}`;

interface ChainStatus {
  ok: boolean;
  rows: number;
  lastSeq: number | null;
  lastHash: string | null;
  firstBrokenSeq: number | null;
  reason: string | null;
}

interface HistoryEdge {
  cursor: string;
  node: { seq: number; field: string; before: unknown; after: unknown; actorId: string; action: string };
}

describeWithKeycloak('Audit queries for auditors', () => {
  let h: CustomerHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startCustomerHarness('audit_queries');
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      { input: { account: { name: 'Audit Trail Optics', industry: 'optics', teamId: 'sales-east' } } },
    );
    accountId = created.data!.createAccount.account.id;
    for (const industry of ['lenses', 'photonics']) {
      const res = await h.graphql(`mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`, {
        input: { id: accountId, account: { industry } },
      });
      expect(res.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('tells an auditor the chain is intact', async () => {
    const res = await h.graphql<{ customerAuditChainStatus: ChainStatus }>(CHAIN, {}, 'auditor1');
    expect(res.errors).toBeUndefined();
    const status = res.data!.customerAuditChainStatus;
    expect(status).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null });
    expect(status.rows).toBeGreaterThanOrEqual(3);
    expect(status.lastSeq).toBe(status.rows);
    expect(status.lastHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows a field's history newest first, page by page", async () => {
    const admin = await h.userId('admin1');
    const first = await h.graphql<{
      customerFieldHistory: { edges: HistoryEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(HISTORY, { entityId: accountId, field: 'industry', first: 2 }, 'auditor1');
    expect(first.errors).toBeUndefined();
    const page = first.data!.customerFieldHistory;
    expect(page.edges.map((e) => [e.node.before, e.node.after])).toEqual([
      ['lenses', 'photonics'],
      ['optics', 'lenses'],
    ]);
    expect(page.edges[0].node).toMatchObject({ field: 'industry', actorId: admin, action: 'account.update' });
    expect(page.edges[0].node.seq).toBeGreaterThan(page.edges[1].node.seq);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await h.graphql<{
      customerFieldHistory: { edges: HistoryEdge[]; pageInfo: { hasNextPage: boolean } };
    }>(HISTORY, { entityId: accountId, field: 'industry', first: 2, after: page.pageInfo.endCursor }, 'auditor1');
    expect(next.data!.customerFieldHistory.edges.map((e) => [e.node.action, e.node.before, e.node.after])).toEqual([
      ['account.create', null, 'optics'],
    ]);
    expect(next.data!.customerFieldHistory.pageInfo.hasNextPage).toBe(false);
  });

  it("lists a record's audit trail for crm-admin too", async () => {
    const res = await h.graphql<{ customerAuditTrail: { edges: { node: { action: string; entityId: string } }[] } }>(
      TRAIL,
      { entityId: accountId },
      'admin1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.customerAuditTrail.edges.map((e) => e.node.action)).toEqual([
      'account.update',
      'account.update',
      'account.create',
    ]);
  });

  it('refuses everyone else with FORBIDDEN', async () => {
    for (const user of ['rep.east1', 'manager.east', 'finance1']) {
      for (const [query, variables] of [
        [CHAIN, {}],
        [HISTORY, { entityId: accountId }],
        [TRAIL, { entityId: accountId }],
      ] as const) {
        const res = await h.graphql(query, variables, user);
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(res.data).toBeNull();
      }
    }
  });

  it('reports a hand-edited row as the first broken link', async () => {
    const [target] = (await h.app.dataSource.query(
      `SELECT seq FROM audit_log WHERE entity_id = $1 AND action = 'account.update' ORDER BY seq LIMIT 1`,
      [accountId],
    )) as { seq: string }[];
    // As the table's owner, the way an intruder with database access would: trigger off, edit, trigger on.
    await h.app.dataSource.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(
        `UPDATE audit_log SET changes = '[{"field": "industry", "before": "optics", "after": "forged"}]'::jsonb WHERE seq = $1`,
        [target.seq],
      );
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    const res = await h.graphql<{ customerAuditChainStatus: ChainStatus }>(CHAIN, {}, 'auditor1');
    expect(res.data!.customerAuditChainStatus).toMatchObject({
      ok: false,
      firstBrokenSeq: Number(target.seq),
      reason: 'HASH_MISMATCH',
      lastSeq: null,
    });
    expect(res.data!.customerAuditChainStatus.rows).toBe(Number(target.seq) - 1);
  });
});
