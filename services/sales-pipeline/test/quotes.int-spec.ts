import { salesEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import {
  createDeal,
  createDefaultPipeline,
  createProduct,
  createQuote,
  inDays,
  must,
  quoteDeal,
  quoteFields,
  setLineItems,
} from './commercial-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

type Quote = { id: string; status: string; version: number; needsApproval: boolean; decisionComment: string | null };

const submit = `mutation($id: ID!) { submitQuote(id: $id) { ${quoteFields} } }`;
const approve = `mutation($id: ID!, $c: String) { approveQuote(id: $id, comment: $c) { ${quoteFields} } }`;
const reject = `mutation($id: ID!, $c: String!) { rejectQuote(id: $id, comment: $c) { ${quoteFields} } }`;
const accept = `mutation($id: ID!) { acceptQuote(id: $id) { ${quoteFields} } }`;

describeWithKeycloak('price book, line items and quotes', () => {
  let h: SalesHarness;
  let accountId: string;
  let licence: string;
  let support: string;
  let dollarsOnly: string;

  beforeAll(async () => {
    h = await startSalesHarness('sales_quotes');
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
        { unitPrice: { amount: '1200.0000', currencyCode: 'CNY' } },
        { unitPrice: { amount: '170.0000', currencyCode: 'USD' } },
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
      amount: { amount: '4519.1300', currencyCode: 'CNY' },
      lineItems: [
        {
          position: 1,
          product: { code: 'LIC-CRM' },
          unitPrice: { amount: '1200.0000' },
          lineTotal: { amount: '3240.0000' },
        },
        {
          position: 2,
          product: { code: 'SUP-24x7' },
          unitPrice: { amount: '99.9950' },
          lineTotal: { amount: '612.4700' },
        },
        {
          position: 3,
          product: { code: 'SUP-24x7' },
          unitPrice: { amount: '333.3300' },
          lineTotal: { amount: '666.6600' },
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
    expect(after.opportunity).toEqual({ version: deal.version, amount: { amount: '0.0000' }, lineItems: [] });
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

  it('within the threshold a quote is approved at once; a new version supersedes it', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const v1 = await quoteDeal(h, deal, [{ productId: licence, quantity: '2', discountPercent: '15' }], 'rep.east1');
    expect(v1).toMatchObject({ version: 1, status: 'DRAFT' });
    const submitted = await must<{ submitQuote: Quote }>(h, submit, { id: v1.id }, 'rep.east1');
    expect(submitted.submitQuote).toMatchObject({ status: 'APPROVED', needsApproval: false });

    const v2 = await quoteDeal(h, deal, [{ productId: licence, quantity: '2', discountPercent: '5' }], 'rep.east1');
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT' });
    const versions = await must<{ opportunity: { quotes: { version: number; status: string }[] } }>(
      h,
      `query($id: ID!) { opportunity(id: $id) { quotes { version status total { amount } } } }`,
      { id: deal.id },
      'rep.east1',
    );
    expect(versions.opportunity.quotes).toEqual([
      { version: 2, status: 'DRAFT', total: { amount: '2280.0000' } },
      { version: 1, status: 'SUPERSEDED', total: { amount: '2040.0000' } },
    ]);
    const again = await h.graphql(submit, { id: v1.id }, 'rep.east1');
    expect(again.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
  });

  it('above the threshold a quote waits for a manager of the owner’s team, who rejects it with a comment', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const quote = await quoteDeal(h, deal, [{ productId: licence, quantity: '1', discountPercent: '20' }], 'rep.east1');
    const submitted = await must<{ submitQuote: Quote }>(h, submit, { id: quote.id }, 'rep.east1');
    expect(submitted.submitQuote).toMatchObject({ status: 'SUBMITTED', needsApproval: true });

    const waiting = await must<{ quotesAwaitingMyApproval: { edges: { node: { id: string } }[] } }>(
      h,
      `{ quotesAwaitingMyApproval { totalCount edges { node { id } } } }`,
      {},
      'manager.east',
    );
    expect(waiting.quotesAwaitingMyApproval.edges.map((e) => e.node.id)).toContain(quote.id);
    const notSouth = await must<{ quotesAwaitingMyApproval: { totalCount: number } }>(
      h,
      `{ quotesAwaitingMyApproval { totalCount } }`,
      {},
      'manager.south',
    );
    expect(notSouth.quotesAwaitingMyApproval.totalCount).toBe(0);
    const south = await h.graphql(approve, { id: quote.id }, 'manager.south');
    expect(south.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await h.graphql(reject, { id: quote.id, c: '   ' }, 'manager.east');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(noReason.errors?.[0]?.extensions)).toContain('comment');

    const rejected = await must<{ rejectQuote: Quote }>(
      h,
      reject,
      { id: quote.id, c: '20% is above the partner tier' },
      'manager.east',
    );
    expect(rejected.rejectQuote).toMatchObject({
      status: 'REJECTED',
      decisionComment: '20% is above the partner tier',
    });

    const events = await h.streamEvents();
    const mine = events.filter((e) => e.aggregateId === quote.id);
    expect(mine.map((e) => e.subject)).toEqual(['crm.sales.quote.submitted', 'crm.sales.quote.rejected']);
    expect(salesEventsV1.QuoteSubmitted.decode(mine[0].data)).toMatchObject({
      needsApproval: true,
      maxDiscountPercent: '20.0000',
      total: { amount: '960.0000', currencyCode: 'CNY' },
    });
    expect(salesEventsV1.QuoteRejected.decode(mine[1].data)).toMatchObject({
      approverId: await h.userId('manager.east'),
      comment: '20% is above the partner tier',
    });
  });

  it('a manager approves, the customer accepts the approved quote, and only while it is valid', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const quote = await quoteDeal(h, deal, [{ productId: support, quantity: '4', discountPercent: '30' }], 'rep.east1');
    await must(h, submit, { id: quote.id }, 'rep.east1');
    const early = await h.graphql(accept, { id: quote.id }, 'rep.east1');
    expect(early.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    const approved = await must<{ approveQuote: Quote }>(h, approve, { id: quote.id, c: 'ok' }, 'manager.east');
    expect(approved.approveQuote.status).toBe('APPROVED');

    // The customer answers after the quote's last day: refused.
    await h.app.services.dataSource.query(`UPDATE quotes SET valid_until = $2 WHERE id = $1`, [quote.id, inDays(-1)]);
    const expired = await h.graphql(accept, { id: quote.id }, 'rep.east1');
    expect(expired.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(expired.errors?.[0]?.message).toContain('valid until');
    await h.app.services.dataSource.query(`UPDATE quotes SET valid_until = $2 WHERE id = $1`, [quote.id, inDays(1)]);
    const accepted = await must<{ acceptQuote: Quote }>(h, accept, { id: quote.id }, 'rep.east1');
    expect(accepted.acceptQuote.status).toBe('ACCEPTED');
    const events = await h.streamEvents();
    expect(events.filter((e) => e.aggregateId === quote.id).map((e) => e.subject)).toEqual([
      'crm.sales.quote.submitted',
      'crm.sales.quote.approved',
    ]);
  });

  it('the deal owner never decides on their own quote, even as a manager; crm-admin may', async () => {
    const deal = await createDeal(h, accountId, 'manager.east');
    const quote = await quoteDeal(
      h,
      deal,
      [{ productId: licence, quantity: '1', discountPercent: '40' }],
      'manager.east',
    );
    await must(h, submit, { id: quote.id }, 'manager.east');
    const own = await h.graphql(approve, { id: quote.id }, 'manager.east');
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(own.errors?.[0]?.message).toContain('owner');
    const mine = await must<{ quotesAwaitingMyApproval: { edges: { node: { id: string } }[] } }>(
      h,
      `{ quotesAwaitingMyApproval { edges { node { id } } } }`,
      {},
      'manager.east',
    );
    expect(mine.quotesAwaitingMyApproval.edges.map((e) => e.node.id)).not.toContain(quote.id);
    const byAdmin = await must<{ approveQuote: Quote }>(h, approve, { id: quote.id }, 'admin1');
    expect(byAdmin.approveQuote.status).toBe('APPROVED');
  });

  it('a quote of a deal without line items is refused, and a retried create with its key makes one quote', async () => {
    const empty = await createDeal(h, accountId, 'rep.east1');
    const none = await h.graphql(
      createQuote,
      { input: { opportunityId: empty.id, validUntil: inDays(3) } },
      'rep.east1',
    );
    expect(none.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');

    const deal = await createDeal(h, accountId, 'rep.east1');
    await must(
      h,
      setLineItems,
      { id: deal.id, v: deal.version, items: [{ productId: licence, quantity: '1' }] },
      'rep.east1',
    );
    const input = { opportunityId: deal.id, validUntil: inDays(10), idempotencyKey: 'quote-retry-1' };
    const first = await must<{ createQuote: Quote }>(h, createQuote, { input }, 'rep.east1');
    const retry = await must<{ createQuote: Quote }>(h, createQuote, { input }, 'rep.east1');
    expect(retry.createQuote.id).toBe(first.createQuote.id);
    const other = await h.graphql(createQuote, { input: { ...input, notes: 'changed' } }, 'rep.east1');
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const past = await h.graphql(
      createQuote,
      { input: { opportunityId: deal.id, validUntil: inDays(-1) } },
      'rep.east1',
    );
    expect(JSON.stringify(past.errors?.[0]?.extensions)).toContain('validUntil');
  });
});
