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

describeWithKeycloak('quotes', () => {
  let h: SalesHarness;
  let accountId: string;
  let licence: string;
  let support: string;

  beforeAll(async () => {
    h = await startSalesHarness('sales_quotes');
    await createDefaultPipeline(h);
    accountId = await h.createAccount('Ningbo Harbour Cold Chain Co., Ltd.');
    licence = await createProduct(h, 'LIC-CRM', { CNY: '1200.00' });
    support = await createProduct(h, 'SUP-24x7', { CNY: '333.33' });
  }, 180_000);
  afterAll(() => h?.stop());

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
      { version: 2, status: 'DRAFT', total: { amount: '2280.00' } },
      { version: 1, status: 'SUPERSEDED', total: { amount: '2040.00' } },
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
    // The portal shows who submitted and who decided as Users (the customer subgraph resolves their names).
    const people = await must<{ quote: unknown }>(
      h,
      `query($id: ID!) { quote(id: $id) { submittedByUser { id } decidedByUser { id } } }`,
      { id: quote.id },
      'rep.east1',
    );
    expect(people.quote).toEqual({
      submittedByUser: { id: await h.userId('rep.east1') },
      decidedByUser: { id: await h.userId('manager.east') },
    });

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
