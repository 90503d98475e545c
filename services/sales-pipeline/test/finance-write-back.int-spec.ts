import { salesEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import { addDays, dateIn } from '../src/domain/calendar-date';
import { asServiceAccount, type GraphqlCall } from './service-account-client';
import { createContract } from './contract-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const recordPayment = `mutation($input: RecordPaymentInput!) {
  recordPayment(input: $input) { id contractId instalmentId source externalReference amount { amount currencyCode } receivedOn }
}`;
const recordInvoice = `mutation($input: RecordInvoiceInput!) {
  recordInvoice(input: $input) { id contractId externalReference amount { amount currencyCode } issuedOn }
}`;
const setPlan = `mutation($contractId: ID!, $instalments: [InstalmentInput!]!) {
  setPaymentPlan(contractId: $contractId, instalments: $instalments, expectedVersion: 0) { instalments { id } }
}`;
const readPlan = `query($contractId: ID!) { paymentPlan(contractId: $contractId) { instalments { status paid { amount } } } }`;
const receivables = `query($asOf: Date, $filter: ReceivablesFilter) {
  receivables(asOf: $asOf, filter: $filter) {
    asOf companyCurrency
    byCurrency {
      currency rate rateEffectiveOn
      summary { due { amount } overdue { amount } overdueByAge { days0to30 { amount } days31to60 { amount } } }
      inCompanyCurrency { due { amount } overdue { amount } }
    }
    total { due { amount currencyCode } overdue { amount } }
    lines(first: 10) { totalCount edges { node { instalment { dueOn status outstanding { amount } daysOverdue } outstandingInCompanyCurrency { amount } } } }
  }
}`;

type PaymentResult = { recordPayment: { id: string; instalmentId: string | null } };

describeWithKeycloak('finance write-back', () => {
  let h: SalesHarness;
  let erp: GraphqlCall;

  beforeAll(async () => {
    h = await startSalesHarness('sales_finance_write_back');
    erp = await asServiceAccount(h, 'crm-finance');
  }, 120_000);
  afterAll(() => h?.stop());

  it('is open to the crm-finance service account and closed to crm-services', async () => {
    const { contractId } = await createContract(h, { value: '500' });
    const input = {
      contractId,
      externalReference: 'INV-2026-0001',
      amount: '500',
      currency: 'CNY',
      issuedOn: '2026-11-20',
    };
    const other = await asServiceAccount(h, 'crm-services');
    const refused = await other(recordInvoice, { input });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refusedPayment = await other(recordPayment, {
      input: { contractId, externalReference: 'X-1', amount: '1', currency: 'CNY', receivedAt: new Date() },
    });
    expect(refusedPayment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const feed = await other(`{ financeChanges(first: 1) { edges { cursor } } }`);
    expect(feed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invoice = await erp(recordInvoice, { input });
    expect(invoice.errors).toBeUndefined();
    expect(invoice.data?.recordInvoice).toMatchObject({
      contractId,
      externalReference: 'INV-2026-0001',
      amount: { amount: '500.00', currencyCode: 'CNY' },
      issuedOn: '2026-11-20',
    });
  });

  it('records one payment for the same call made twice, even at once, and updates the instalment it pays', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const plan = await h.graphql<{ setPaymentPlan: { instalments: { id: string }[] } }>(
      setPlan,
      { contractId, instalments: [{ dueOn: addDays(dateIn(new Date(), 'Asia/Shanghai'), 20), amount: '1000' }] },
      'rep.east1',
    );
    const instalmentId = plan.data!.setPaymentPlan.instalments[0]!.id;
    const input = {
      contractId,
      instalmentId,
      externalReference: 'PAY-7781',
      amount: '1000.00',
      currency: 'CNY',
      receivedAt: '2026-11-20T02:30:00Z',
    };
    const [a, b] = await Promise.all([erp(recordPayment, { input }), erp(recordPayment, { input })]);
    const again = await erp(recordPayment, { input: { ...input, amount: '1000' } });
    expect([a.errors, b.errors, again.errors]).toEqual([undefined, undefined, undefined]);
    const ids = [a, b, again].map((r) => (r.data as PaymentResult).recordPayment.id);
    expect(new Set(ids).size).toBe(1);
    expect(a.data).toMatchObject({
      recordPayment: { source: 'FINANCE', instalmentId, receivedOn: '2026-11-20', amount: { amount: '1000.00' } },
    });
    const [{ count }]: { count: string }[] = await h.app.dataSource.query(
      `SELECT count(*)::text AS count FROM payments WHERE external_reference = 'PAY-7781'`,
    );
    expect(count).toBe('1');
    const events = (await h.streamEvents()).filter((e) => e.subject === 'crm.sales.payment.recorded');
    const decoded = events.map((e) => salesEventsV1.PaymentRecorded.decode(e.data));
    expect(decoded.filter((e) => e.externalReference === 'PAY-7781')).toHaveLength(1);
    const read = await h.graphql(readPlan, { contractId }, 'rep.east1');
    expect(read.data).toMatchObject({
      paymentPlan: { instalments: [{ status: 'PAID', paid: { amount: '1000.00' } }] },
    });
  });

  it('refuses a second call with the same reference but other details with CONFLICT, recording nothing', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const other = await createContract(h, { value: '1000' });
    const input = {
      contractId,
      externalReference: 'PAY-9000',
      amount: '300',
      currency: 'CNY',
      receivedAt: '2026-11-21T08:00:00Z',
    };
    expect((await erp(recordPayment, { input })).errors).toBeUndefined();
    for (const changed of [
      { amount: '301' },
      { contractId: other.contractId },
      { receivedAt: '2026-11-22T08:00:00Z' },
    ]) {
      const res = await erp(recordPayment, { input: { ...input, ...changed } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalReference' });
      expect(res.errors?.[0]?.message).toContain('externalReference "PAY-9000"');
    }
    const invoice = { contractId, externalReference: 'INV-9', amount: '10', currency: 'CNY', issuedOn: '2026-11-01' };
    expect((await erp(recordInvoice, { input: invoice })).errors).toBeUndefined();
    const clash = await erp(recordInvoice, { input: { ...invoice, issuedOn: '2026-11-02' } });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalReference' });
    const [{ count }]: { count: string }[] = await h.app.dataSource.query(
      `SELECT count(*)::text AS count FROM payments WHERE contract_id = ANY($1::uuid[])`,
      [[contractId, other.contractId]],
    );
    expect(count).toBe('1');
  });

  it('refuses money in another currency than the contract’s, naming the field', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const res = await erp(recordPayment, {
      input: { contractId, externalReference: 'PAY-USD', amount: '10', currency: 'USD', receivedAt: new Date() },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currency' });
  });

  it('reports receivables by age in the contract currency and the company currency', async () => {
    const { contractId } = await createContract(h, { value: '10000', currency: 'USD', owner: 'rep.south1' });
    await h.app.dataSource.query(
      `INSERT INTO exchange_rates (id, currency, company_currency, rate, effective_on, recorded_by, recorded_at)
       VALUES (gen_random_uuid(), 'USD', 'CNY', 7.1, '2026-01-01', 'test', now())`,
    );
    const asOf = '2026-06-30';
    const plan = await h.graphql<{ setPaymentPlan: { instalments: { id: string }[] } }>(
      setPlan,
      {
        contractId,
        instalments: [
          { dueOn: '2026-06-10', amount: '1000' }, // 20 days late on asOf
          { dueOn: '2026-05-01', amount: '2000.00' }, // 60 days late
          { dueOn: '2026-07-15', amount: '3000.00' }, // not yet due
        ],
      },
      'rep.south1',
    );
    const [first] = plan.data!.setPaymentPlan.instalments;
    await erp(recordPayment, {
      input: {
        contractId,
        instalmentId: first!.id,
        externalReference: 'PAY-AGE-1',
        amount: '250',
        currency: 'USD',
        receivedAt: '2026-06-20T03:00:00Z',
      },
    });
    const res = await erp(receivables, { asOf, filter: { currency: 'USD' } });
    expect(res.errors).toBeUndefined();
    // By hand: overdue 750 (1–30 days) + 2000 (31–60 days) = 2750 USD; due 3000 USD; at 7.1: 19525 and 21300 CNY.
    expect(res.data).toMatchObject({
      receivables: {
        asOf,
        companyCurrency: 'CNY',
        byCurrency: [
          {
            currency: 'USD',
            rate: '7.1000000000',
            rateEffectiveOn: '2026-01-01',
            summary: {
              due: { amount: '3000.00' },
              overdue: { amount: '2750.00' },
              overdueByAge: { days0to30: { amount: '750.00' }, days31to60: { amount: '2000.00' } },
            },
            inCompanyCurrency: { due: { amount: '21300.00' }, overdue: { amount: '19525.00' } },
          },
        ],
        total: { due: { amount: '21300.00', currencyCode: 'CNY' }, overdue: { amount: '19525.00' } },
        lines: {
          totalCount: 3,
          edges: [
            { node: { instalment: { dueOn: '2026-05-01', status: 'OVERDUE', daysOverdue: 60 } } },
            {
              node: {
                instalment: {
                  dueOn: '2026-06-10',
                  status: 'OVERDUE',
                  outstanding: { amount: '750.00' },
                  daysOverdue: 20,
                },
                outstandingInCompanyCurrency: { amount: '5325.00' },
              },
            },
            { node: { instalment: { dueOn: '2026-07-15', status: 'SCHEDULED', daysOverdue: 0 } } },
          ],
        },
      },
    });
  });
});
