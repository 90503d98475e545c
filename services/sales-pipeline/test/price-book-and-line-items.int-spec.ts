import { describeWithKeycloak } from '@crm/testing';
import { createDeal, createDefaultPipeline, createProduct, must, setLineItems } from './commercial-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

describeWithKeycloak('price book and line items', () => {
  let h: SalesHarness;
  let accountId: string;
  let licence: string;
  let support: string;
  let dollarsOnly: string;

  beforeAll(async () => {
    h = await startSalesHarness('sales_line_items');
    await createDefaultPipeline(h);
    accountId = await h.createAccount('Hangzhou Qiantang Logistics Co., Ltd.');
    licence = await createProduct(h, 'LIC-CRM', { CNY: '1200.00', USD: '170' });
    support = await createProduct(h, 'SUP-24x7', { CNY: '333.33' });
    dollarsOnly = await createProduct(h, 'SVC-US', { USD: '95' });
  }, 180_000);
  afterAll(() => h?.stop());

  it('price book: finance maintains it, a rep reads it with its prices and may not change it', async () => {
    const list = await must<{ products: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
      h,
      `{ products(search: "lic") { totalCount edges { node { code prices { unitPrice { amount currencyCode } } } } } }`,
      {},
      'rep.east1',
    );
    expect(list.products.totalCount).toBe(1);
    expect(list.products.edges[0].node).toEqual({
      code: 'LIC-CRM',
      prices: [
        { unitPrice: { amount: '1200.00', currencyCode: 'CNY' } },
        { unitPrice: { amount: '170.00', currencyCode: 'USD' } },
      ],
    });
    const refused = await h.graphql(
      `mutation($p: ID!) { setPrice(productId: $p, currency: "CNY", unitPrice: "1") { id } }`,
      { p: licence },
      'rep.east1',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.graphql(
      `mutation($p: ID!) { setPrice(productId: $p, currency: "CNY", unitPrice: "1e3") { id } }`,
      { p: licence },
      'finance1',
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('amount');
  });

  it('price book: product codes are unique whatever their case, on create and on rename, and changes are audited', async () => {
    const createProduct = `mutation($code: String!) { createProduct(input: { code: $code, name: "Copy" }) { id } }`;
    const dup = await h.graphql(createProduct, { code: 'lic-crm' }, 'admin1');
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    const rename = await h.graphql(
      `mutation($id: ID!) { updateProduct(id: $id, input: { code: "Sup-24X7", name: "Support" }) { id } }`,
      { id: dollarsOnly },
      'finance1',
    );
    expect(rename.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    const renamed = await must<{ updateProduct: { code: string; name: string; active: boolean } }>(
      h,
      `mutation($id: ID!) { updateProduct(id: $id, input: { name: "US field service", active: true }) { code name active } }`,
      { id: dollarsOnly },
      'finance1',
    );
    expect(renamed.updateProduct).toEqual({ code: 'SVC-US', name: 'US field service', active: true });
    const history = await must<{ salesFieldHistory: { edges: { node: { field: string; after: unknown } }[] } }>(
      h,
      `query($id: ID!) { salesFieldHistory(entityType: "product", entityId: $id) { edges { node { field after } } } }`,
      { id: dollarsOnly },
      'auditor1',
    );
    expect(history.salesFieldHistory.edges.map((e) => e.node)).toEqual([
      { field: 'name', after: 'US field service' },
      { field: 'price.USD', after: '95' },
    ]);
  });

  it('price book: two finance users creating the same code at once get one product and one CONFLICT', async () => {
    const create = `mutation($code: String!) { createProduct(input: { code: $code, name: "Race" }) { id } }`;
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all(
        ['finance1', 'admin1'].map((user) => h.graphql(create, { code: `RACE-${round}` }, user)),
      );
      const codes = results.map((r) => (r.errors ? r.errors[0]?.extensions?.code : 'OK')).sort();
      expect([round, codes]).toEqual([round, ['CONFLICT', 'OK']]);
    }
  });

  it('line items: unit prices default to the price book in the deal currency, totals match hand figures', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const res = await must<{ setOpportunityLineItems: Record<string, unknown> }>(
      h,
      setLineItems,
      {
        id: deal.id,
        v: deal.version,
        items: [
          // 3 × 1200.00 × 0.90 = 3240.00
          { productId: licence, quantity: '3', discountPercent: '10' },
          // 7 × 99.995 × 0.875 = 612.469375 → 612.47 (half-even to fen)
          { productId: support, quantity: '7', unitPrice: '99.995', discountPercent: '12.5' },
          // 2 × 333.33 = 666.66
          { productId: support, quantity: '2' },
        ],
      },
      'rep.east1',
    );
    expect(res.setOpportunityLineItems).toMatchObject({
      version: deal.version + 1,
      // 3240.00 + 612.47 + 666.66
      amount: { amount: '4519.13', currencyCode: 'CNY' },
      lineItems: [
        {
          position: 1,
          product: { code: 'LIC-CRM' },
          unitPrice: { amount: '1200.00' },
          lineTotal: { amount: '3240.00' },
        },
        {
          position: 2,
          product: { code: 'SUP-24x7' },
          unitPrice: { amount: '99.995' },
          lineTotal: { amount: '612.47' },
        },
        {
          position: 3,
          product: { code: 'SUP-24x7' },
          unitPrice: { amount: '333.33' },
          lineTotal: { amount: '666.66' },
        },
      ],
    });
  });

  it('line items: a product without a price in the deal currency is named, and nothing changes', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const res = await h.graphql(
      setLineItems,
      {
        id: deal.id,
        v: deal.version,
        items: [
          { productId: licence, quantity: '1' },
          { productId: dollarsOnly, quantity: '1' },
          { productId: licence, quantity: '0' },
          { productId: licence, quantity: '1', unitPrice: '12.345678' },
          { productId: 'not-a-product', quantity: '1' },
          { productId: ' ', quantity: '1' },
        ],
      },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const violations = (res.errors?.[0]?.extensions?.violations ?? []) as { field: string; rule: string }[];
    expect(violations.map((v) => [v.field, v.rule])).toEqual([
      ['items[1].productId', 'price_book'],
      ['items[2].quantity', 'min'],
      ['items[3].unitPrice', 'fraction_digits'],
      ['items[4].productId', 'uuid'],
      ['items[5].productId', 'required'],
    ]);
    const after = await must<{ opportunity: { version: number; amount: { amount: string }; lineItems: unknown[] } }>(
      h,
      `query($id: ID!) { opportunity(id: $id) { version amount { amount } lineItems { position } } }`,
      { id: deal.id },
      'rep.east1',
    );
    expect(after.opportunity).toEqual({ version: deal.version, amount: { amount: '0.00' }, lineItems: [] });
    const stale = await h.graphql(
      setLineItems,
      { id: deal.id, v: deal.version + 5, items: [{ productId: licence, quantity: '1' }] },
      'rep.east1',
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('line items: only who may edit the deal sets them', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const res = await h.graphql(
      setLineItems,
      { id: deal.id, v: deal.version, items: [{ productId: licence, quantity: '1' }] },
      'rep.south1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
