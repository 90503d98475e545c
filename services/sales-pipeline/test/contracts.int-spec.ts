import { salesEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import { createDeal, createDefaultPipeline, createProduct, inDays, must, quoteDeal } from './commercial-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

type Contract = {
  id: string;
  number: string;
  status: string;
  value: { amount: string; currencyCode: string } | null;
  signedOn: string | null;
};

const contractFields = `id number status value { amount currencyCode } signedOn startOn termMonths ownerId accountId`;
const createContract = `mutation($input: CreateContractInput!) { createContract(input: $input) { ${contractFields} } }`;
const signContract = `mutation($id: ID!, $on: Date!) { signContract(id: $id, signedOn: $on) { ${contractFields} } }`;
const readContract = `query($id: ID!) { contract(id: $id) { id value { amount currencyCode } } }`;

describeWithKeycloak('contracts', () => {
  let h: SalesHarness;
  let accountId: string;
  let product: string;

  /** A deal of rep.east1 with an accepted quote (3 × 1000.00 less 5% = 2850.00 CNY); returns the quote's id. */
  async function acceptedQuote(): Promise<{ dealId: string; quoteId: string }> {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const quote = await quoteDeal(h, deal, [{ productId: product, quantity: '3', discountPercent: '5' }], 'rep.east1');
    await must(h, `mutation($id: ID!) { submitQuote(id: $id) { status } }`, { id: quote.id }, 'rep.east1');
    await must(h, `mutation($id: ID!) { acceptQuote(id: $id) { status } }`, { id: quote.id }, 'rep.east1');
    return { dealId: deal.id, quoteId: quote.id };
  }

  beforeAll(async () => {
    h = await startSalesHarness('sales_contracts');
    await createDefaultPipeline(h);
    accountId = await h.createAccount('Suzhou Industrial Park Precision Parts Co., Ltd.');
    product = await createProduct(h, 'LIC-ERP', { CNY: '1000.00' });
  }, 180_000);
  afterAll(() => h?.stop());

  it('are made only from an accepted quote', async () => {
    const deal = await createDeal(h, accountId, 'rep.east1');
    const quote = await quoteDeal(h, deal, [{ productId: product, quantity: '1' }], 'rep.east1');
    await must(h, `mutation($id: ID!) { submitQuote(id: $id) { status } }`, { id: quote.id }, 'rep.east1');
    const res = await h.graphql(
      createContract,
      { input: { quoteId: quote.id, startOn: inDays(1), termMonths: 12 } },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(res.errors?.[0]?.message).toContain('accepted');
    const none = await must<{ contracts: { totalCount: number } }>(h, `{ contracts { totalCount } }`, {}, 'admin1');
    expect(none.contracts.totalCount).toBe(0);
  });

  it('take the quote’s total, the deal’s account and owner, a generated number, and one per quote', async () => {
    const { dealId, quoteId } = await acceptedQuote();
    const input = { quoteId, startOn: '2027-01-01', termMonths: 24, idempotencyKey: 'contract-1' };
    const { createContract: contract } = await must<{ createContract: Contract & Record<string, unknown> }>(
      h,
      createContract,
      { input },
      'rep.east1',
    );
    expect(contract).toMatchObject({
      status: 'DRAFT',
      value: { amount: '2850.00', currencyCode: 'CNY' },
      startOn: '2027-01-01',
      termMonths: 24,
      ownerId: await h.userId('rep.east1'),
      accountId,
      signedOn: null,
    });
    expect(contract.number).toMatch(new RegExp(`^CT-${new Date().getUTCFullYear()}-\\d{6}$`));

    const retry = await must<{ createContract: Contract }>(h, createContract, { input }, 'rep.east1');
    expect(retry.createContract.id).toBe(contract.id);
    const reused = await h.graphql(createContract, { input: { ...input, termMonths: 36 } }, 'rep.east1');
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const second = await h.graphql(
      createContract,
      { input: { quoteId, startOn: '2027-01-01', termMonths: 12 } },
      'rep.east1',
    );
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const onDeal = await must<{ opportunity: { contracts: { id: string }[] } }>(
      h,
      `query($id: ID!) { opportunity(id: $id) { contracts { id } } }`,
      { id: dealId },
      'rep.east1',
    );
    expect(onDeal.opportunity.contracts).toEqual([{ id: contract.id }]);
  });

  it('refuse a bad term, start date and number, naming each field', async () => {
    const { quoteId } = await acceptedQuote();
    const res = await h.graphql(
      createContract,
      { input: { quoteId, number: ' bad number!', startOn: '2027-02-30', termMonths: 0 } },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = ((res.errors?.[0]?.extensions?.violations ?? []) as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(['input.number', 'input.startOn', 'input.termMonths']);
  });

  it('are signed once; signing emits crm.sales.contract.signed with the signed date', async () => {
    const { dealId, quoteId } = await acceptedQuote();
    const { createContract: contract } = await must<{ createContract: Contract }>(
      h,
      createContract,
      { input: { quoteId, number: 'FRAME-2026/17', startOn: inDays(0), termMonths: 12 } },
      'rep.east1',
    );
    const { quoteId: another } = await acceptedQuote();
    const taken = await h.graphql(
      createContract,
      { input: { quoteId: another, number: 'FRAME-2026/17', startOn: inDays(0), termMonths: 12 } },
      'rep.east1',
    );
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.number' });
    const future = await h.graphql(signContract, { id: contract.id, on: inDays(2) }, 'rep.east1');
    expect(JSON.stringify(future.errors?.[0]?.extensions)).toContain('signedOn');
    const byOther = await h.graphql(signContract, { id: contract.id, on: inDays(0) }, 'rep.south1');
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const signedOn = inDays(-1);
    const signed = await must<{ signContract: Contract }>(
      h,
      signContract,
      { id: contract.id, on: signedOn },
      'rep.east1',
    );
    expect(signed.signContract).toMatchObject({ status: 'SIGNED', signedOn, number: 'FRAME-2026/17' });
    const twice = await h.graphql(signContract, { id: contract.id, on: signedOn }, 'rep.east1');
    expect(twice.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');

    const events = (await h.streamEvents()).filter((e) => e.aggregateId === contract.id);
    expect(events.map((e) => e.subject)).toEqual(['crm.sales.contract.signed']);
    expect(salesEventsV1.ContractSigned.decode(events[0].data)).toMatchObject({
      contractId: contract.id,
      opportunityId: dealId,
      accountId,
      ownerId: await h.userId('rep.east1'),
      signedOn,
      termMonths: 12,
      // Events carry the stored scale (the API shows 2850.00).
      value: { amount: '2850.0000', currencyCode: 'CNY' },
    });
  });

  it('show their value to finance, crm-admin, the owner and their manager; auditors get null, named in extensions', async () => {
    const { quoteId } = await acceptedQuote();
    const { createContract: contract } = await must<{ createContract: Contract }>(
      h,
      createContract,
      { input: { quoteId, startOn: inDays(0), termMonths: 6 } },
      'rep.east1',
    );
    for (const user of ['rep.east1', 'manager.east', 'finance1', 'admin1']) {
      const res = await h.graphql<{ contract: Contract }>(readContract, { id: contract.id }, user);
      expect([user, res.data?.contract.value]).toEqual([user, { amount: '2850.00', currencyCode: 'CNY' }]);
      expect(res.extensions?.redactedFields).toBeUndefined();
    }
    const audited = await h.graphql<{ contract: Contract }>(readContract, { id: contract.id }, 'auditor1');
    expect(audited.data?.contract).toEqual({ id: contract.id, value: null });
    expect(audited.extensions?.redactedFields).toEqual([{ type: 'Contract', id: contract.id, field: 'value' }]);
    const stranger = await h.graphql(readContract, { id: contract.id }, 'rep.south1');
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('audit each value finance reads through a list once per request, and none a rep reads of their own', async () => {
    const reads = async (): Promise<{ entityId: string; actor: { id: string } }[]> => {
      const trail = await must<{ salesAuditTrail: { edges: { node: { entityId: string; actor: { id: string } } }[] } }>(
        h,
        `{ salesAuditTrail(action: "contract.read_sensitive", first: 200) { edges { node { entityId actor { id } } } } }`,
        {},
        'auditor1',
      );
      return trail.salesAuditTrail.edges.map((e) => e.node);
    };
    const before = (await reads()).length;
    const list = await must<{ contracts: { totalCount: number; edges: { node: Contract }[] } }>(
      h,
      `{ contracts(first: 50) { totalCount edges { node { id value { amount } again: value { amount } } } } }`,
      {},
      'finance1',
    );
    expect(list.contracts.edges.length).toBe(list.contracts.totalCount);
    expect(list.contracts.edges.every((e) => e.node.value !== null)).toBe(true);
    const after = await reads();
    const finance = await h.userId('finance1');
    const fresh = after.slice(0, after.length - before);
    expect(fresh.map((r) => r.entityId).sort()).toEqual(list.contracts.edges.map((e) => e.node.id).sort());
    expect(fresh.every((r) => r.actor.id === finance)).toBe(true);

    await must(h, `{ contracts(first: 50) { edges { node { value { amount } } } } }`, {}, 'rep.east1');
    expect((await reads()).length).toBe(after.length);
  });
});
