import { clientCredentialsToken, describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const RECORD = `mutation($currency: String!, $rate: String!, $effectiveOn: Date!, $key: String) {
  recordExchangeRate(currency: $currency, rate: $rate, effectiveOn: $effectiveOn, idempotencyKey: $key) {
    id currency companyCurrency rate effectiveOn recordedBy
  }
}`;
const ON = `query($currency: String!, $date: Date!) { exchangeRateOn(currency: $currency, date: $date) { rate effectiveOn } }`;
const LIST = `query($currency: String, $first: Int, $after: String) {
  exchangeRates(currency: $currency, first: $first, after: $after) {
    edges { node { currency rate effectiveOn } } pageInfo { endCursor hasNextPage } totalCount
  }
}`;

/** A GraphQL call with a bearer token of our own (the finance system's service account). */
async function asClient<T>(h: SalesHarness, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { extensions?: Record<string, unknown> }[] };
}

interface Recorded {
  recordExchangeRate: { id: string; currency: string; companyCurrency: string; rate: string; effectiveOn: string };
}

describeWithKeycloak('exchange rates', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_exchange_rates');
  }, 120_000);
  afterAll(() => h?.stop());

  it('are recorded by finance to the company currency and read by everyone at the date they are in force', async () => {
    const first = await h.graphql<Recorded>(
      RECORD,
      { currency: 'usd', rate: '7.1', effectiveOn: '2026-01-01' },
      'finance1',
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordExchangeRate).toMatchObject({
      currency: 'USD',
      companyCurrency: 'CNY',
      rate: '7.1',
      effectiveOn: '2026-01-01',
      recordedBy: await h.userId('finance1'),
    });
    await h.graphql(RECORD, { currency: 'USD', rate: '7.2', effectiveOn: '2026-08-01' }, 'admin1');
    await h.graphql(RECORD, { currency: 'EUR', rate: '7.8', effectiveOn: '2026-01-01' }, 'finance1');

    for (const [date, expected] of [
      ['2026-07-31', { rate: '7.1', effectiveOn: '2026-01-01' }],
      ['2026-08-01', { rate: '7.2', effectiveOn: '2026-08-01' }],
      ['2027-03-01', { rate: '7.2', effectiveOn: '2026-08-01' }],
    ] as const) {
      const on = await h.graphql<{ exchangeRateOn: unknown }>(ON, { currency: 'USD', date }, 'rep.east1');
      expect(on.data?.exchangeRateOn).toEqual(expected);
    }
    const before = await h.graphql<{ exchangeRateOn: unknown }>(ON, { currency: 'USD', date: '2025-12-31' }, 'agent1');
    expect(before.errors).toBeUndefined();
    expect(before.data?.exchangeRateOn).toBeNull();

    const page = await h.graphql<{
      exchangeRates: { edges: { node: unknown }[]; pageInfo: { endCursor: string }; totalCount: number };
    }>(LIST, { first: 2 }, 'rep.east1');
    expect(page.data?.exchangeRates.totalCount).toBe(3);
    expect(page.data?.exchangeRates.edges.map((e) => e.node)).toEqual([
      { currency: 'USD', rate: '7.2', effectiveOn: '2026-08-01' },
      { currency: 'EUR', rate: '7.8', effectiveOn: '2026-01-01' },
    ]);
    const next = await h.graphql<{ exchangeRates: { edges: { node: unknown }[] } }>(
      LIST,
      { first: 2, after: page.data?.exchangeRates.pageInfo.endCursor },
      'rep.east1',
    );
    expect(next.data?.exchangeRates.edges.map((e) => e.node)).toEqual([
      { currency: 'USD', rate: '7.1', effectiveOn: '2026-01-01' },
    ]);
  });

  it('are recorded by the finance system with its service account, once per idempotency key', async () => {
    const token = (await clientCredentialsToken('crm-finance')).accessToken;
    const vars = { currency: 'JPY', rate: '0.0475', effectiveOn: '2026-02-01', key: 'erp-fx-2026-02-01-JPY' };
    const first = await asClient<Recorded>(h, token, RECORD, vars);
    const retry = await asClient<Recorded>(h, token, RECORD, vars);
    expect(first.errors).toBeUndefined();
    expect(retry.data?.recordExchangeRate.id).toBe(first.data?.recordExchangeRate.id);
    const conflict = await asClient(h, token, RECORD, { ...vars, rate: '0.048' });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const on = await h.graphql<{ exchangeRateOn: { rate: string } }>(
      ON,
      { currency: 'JPY', date: '2026-02-01' },
      'rep.east1',
    );
    expect(on.data?.exchangeRateOn.rate).toBe('0.0475');
  });

  it('correct a day’s rate as an audited update, keeping the earlier rate in the audit log', async () => {
    const corrected = await h.graphql<Recorded>(
      RECORD,
      { currency: 'EUR', rate: '7.85', effectiveOn: '2026-01-01' },
      'finance1',
    );
    expect(corrected.errors).toBeUndefined();
    const list = await h.graphql<{ exchangeRates: { edges: { node: { rate: string } }[]; totalCount: number } }>(
      LIST,
      { currency: 'EUR' },
      'rep.east1',
    );
    expect(list.data?.exchangeRates.totalCount).toBe(1);
    expect(list.data?.exchangeRates.edges[0].node.rate).toBe('7.85');
    const trail = await h.graphql<{
      salesAuditTrail: { edges: { node: { action: string; changes: unknown[] } }[] };
    }>(
      `query($id: ID!) { salesAuditTrail(entityType: "exchange_rate", entityId: $id) {
        edges { node { action changes { field before after } } } } }`,
      { id: corrected.data?.recordExchangeRate.id },
      'auditor1',
    );
    expect(trail.data?.salesAuditTrail.edges.map((e) => e.node)).toEqual([
      { action: 'exchange_rate.corrected', changes: [{ field: 'rate', before: '7.8', after: '7.85' }] },
      { action: 'exchange_rate.recorded', changes: [] },
    ]);
  });

  it('refuse bad input naming each field and rule, and change nothing', async () => {
    const bad = await h.graphql(RECORD, { currency: 'XYZ', rate: '-1', effectiveOn: '2026-02-30' }, 'finance1');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const text = JSON.stringify(bad.errors?.[0]?.extensions);
    for (const field of ['currency', 'rate', 'effectiveOn']) expect(text).toContain(field);
    const same = await h.graphql(RECORD, { currency: 'CNY', rate: '1', effectiveOn: '2026-02-01' }, 'finance1');
    expect(JSON.stringify(same.errors?.[0]?.extensions)).toContain('not_company_currency');
    const float = await h.graphql(RECORD, { currency: 'USD', rate: '7e0', effectiveOn: '2026-02-01' }, 'finance1');
    expect(float.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const all = await h.graphql<{ exchangeRates: { totalCount: number } }>(LIST, {}, 'finance1');
    expect(all.data?.exchangeRates.totalCount).toBe(4);
  });

  it('are maintained by finance and crm-admin only', async () => {
    for (const user of ['rep.east1', 'manager.east', 'auditor1']) {
      const res = await h.graphql(RECORD, { currency: 'GBP', rate: '9.1', effectiveOn: '2026-01-01' }, user);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
