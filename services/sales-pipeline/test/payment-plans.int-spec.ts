import { describeWithKeycloak } from '@crm/testing';
import { addDays, dateIn } from '../src/domain/calendar-date';
import { createContract } from './contract-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const setPlan = `mutation($contractId: ID!, $instalments: [InstalmentInput!]!, $expectedVersion: Int!) {
  setPaymentPlan(contractId: $contractId, instalments: $instalments, expectedVersion: $expectedVersion) {
    contractId version planned { amount } unplanned { amount }
    instalments { id sequence dueOn amount { amount currencyCode } status paid { amount } outstanding { amount } }
  }
}`;
const recordReceipt = `mutation($instalmentId: ID!, $amount: String!, $receivedOn: Date!, $key: String) {
  recordReceipt(instalmentId: $instalmentId, amount: $amount, receivedOn: $receivedOn, idempotencyKey: $key) {
    id source amount { amount currencyCode } receivedOn instalmentId
  }
}`;
const readPlan = `query($contractId: ID!) {
  paymentPlan(contractId: $contractId) {
    version instalments { id status paid { amount } outstanding { amount } }
    payments { id amount { amount } recordedByUser { id } }
  }
}`;

interface PlanResult {
  setPaymentPlan: {
    version: number;
    planned: { amount: string };
    unplanned: { amount: string };
    instalments: { id: string; sequence: number; status: string; paid: { amount: string } }[];
  };
}

const today = () => dateIn(new Date(), 'Asia/Shanghai');

describeWithKeycloak('payment plans', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_payment_plans');
  }, 120_000);
  afterAll(() => h?.stop());

  it('are set by the contract owner within the contract value, versioned, with statuses for today', async () => {
    const { contractId } = await createContract(h, { value: '100000.00' });
    const res = await h.graphql<PlanResult>(
      setPlan,
      {
        contractId,
        expectedVersion: 0,
        instalments: [
          { dueOn: addDays(today(), 3), amount: '30000' },
          { dueOn: addDays(today(), 60), amount: '50000.50' },
        ],
      },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.setPaymentPlan).toMatchObject({
      version: 1,
      planned: { amount: '80000.50' },
      unplanned: { amount: '19999.50' },
      instalments: [
        { sequence: 1, status: 'DUE_SOON', amount: { amount: '30000.00', currencyCode: 'CNY' } },
        { sequence: 2, status: 'SCHEDULED', amount: { amount: '50000.50', currencyCode: 'CNY' } },
      ],
    });
  });

  it('refuse instalments above the contract value, naming the instalment and the excess, and change nothing', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const res = await h.graphql(
      setPlan,
      {
        contractId,
        expectedVersion: 0,
        instalments: [
          { dueOn: addDays(today(), 10), amount: '600.00' },
          { dueOn: addDays(today(), 40), amount: '400.01' },
        ],
      },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ field: 'instalments[1]', rule: 'within_contract_value' })],
    });
    expect(res.errors?.[0]?.message).toContain('0.01 CNY above the contract value 1000.00 CNY');
    const plan = await h.graphql<{ paymentPlan: { version: number; instalments: unknown[] } }>(readPlan, {
      contractId,
    });
    expect(plan.data?.paymentPlan).toMatchObject({ version: 0, instalments: [] });
  });

  it('are refused to a rep of another team and on a stale version', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const plan = { contractId, expectedVersion: 0, instalments: [{ dueOn: addDays(today(), 30), amount: '500' }] };
    const foreign = await h.graphql(setPlan, plan, 'rep.south1');
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await h.graphql(setPlan, plan, 'manager.east')).errors).toBeUndefined();
    const stale = await h.graphql(setPlan, plan, 'finance1');
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  });

  it('never add up to more than the contract value with two writers racing', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    // Each plan alone fits; both started from version 0, so one must lose instead of the two mixing.
    const planA = [
      { dueOn: addDays(today(), 10), amount: '700' },
      { dueOn: addDays(today(), 20), amount: '300' },
    ];
    const planB = [
      { dueOn: addDays(today(), 15), amount: '400.00' },
      { dueOn: addDays(today(), 25), amount: '400.00' },
      { dueOn: addDays(today(), 35), amount: '200' },
    ];
    const results = await Promise.all([
      h.graphql(setPlan, { contractId, expectedVersion: 0, instalments: planA }, 'rep.east1'),
      h.graphql(setPlan, { contractId, expectedVersion: 0, instalments: planB }, 'finance1'),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [{ total, count }]: { total: string; count: string }[] = await h.app.dataSource.query(
      `SELECT sum(amount)::text AS total, count(*)::text AS count FROM instalments WHERE contract_id = $1`,
      [contractId],
    );
    expect(Number(total)).toBeLessThanOrEqual(1000);
    expect(['2', '3']).toContain(count);
  });

  it('hold the invariant in the database too: a racing writer that skips the lock fails at commit', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const insert = (runner: { query(sql: string, params: unknown[]): Promise<unknown> }, sequence: number) =>
      runner.query(
        `INSERT INTO instalments (id, contract_id, sequence, due_on, amount, currency, status, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, current_date + 30, 600, 'CNY', 'scheduled', now(), now())`,
        [contractId, sequence],
      );
    const a = h.app.dataSource.createQueryRunner();
    const b = h.app.dataSource.createQueryRunner();
    try {
      await a.startTransaction();
      await b.startTransaction();
      await insert(a, 1);
      await insert(b, 2);
      // Both inserted 600 of 1000 and neither saw the other; commits run the deferred check one after the other.
      await a.commitTransaction();
      await expect(b.commitTransaction()).rejects.toThrow(/above its value 1000/);
    } finally {
      if (b.isTransactionActive) await b.rollbackTransaction();
      await a.release();
      await b.release();
    }
    const [{ total }]: { total: string }[] = await h.app.dataSource.query(
      `SELECT sum(amount)::text AS total FROM instalments WHERE contract_id = $1`,
      [contractId],
    );
    expect(total).toBe('600.0000');
  });

  it('take receipts that move an instalment to partially paid and paid, once per idempotency key', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const set = await h.graphql<PlanResult>(
      setPlan,
      { contractId, expectedVersion: 0, instalments: [{ dueOn: addDays(today(), 30), amount: '1000' }] },
      'rep.east1',
    );
    const instalmentId = set.data!.setPaymentPlan.instalments[0]!.id;
    const receipt = { instalmentId, amount: '400.00', receivedOn: today(), key: 'bank-slip-17' };
    const first = await h.graphql<{ recordReceipt: { id: string } }>(recordReceipt, receipt, 'rep.east1');
    expect(first.errors).toBeUndefined();
    const again = await h.graphql<{ recordReceipt: { id: string } }>(recordReceipt, receipt, 'rep.east1');
    expect(again.data?.recordReceipt.id).toBe(first.data?.recordReceipt.id);
    let plan = await h.graphql<{
      paymentPlan: { instalments: { status: string }[]; payments: { recordedByUser: { id: string } | null }[] };
    }>(readPlan, { contractId }, 'rep.east1');
    expect(plan.data?.paymentPlan.instalments[0]).toMatchObject({
      status: 'PARTIALLY_PAID',
      paid: { amount: '400.00' },
      outstanding: { amount: '600.00' },
    });
    expect(plan.data?.paymentPlan.payments).toHaveLength(1);
    // The receipt names its recorder as a User (the gateway resolves the name), not a bare id.
    expect(plan.data?.paymentPlan.payments[0]?.recordedByUser).toEqual({ id: await h.userId('rep.east1') });
    // Contract money is a sensitive read: the owner's read is in the audit log, as are the receipt and the plan.
    const actions: { action: string }[] = await h.app.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 OR details->>'contractId' = $1 ORDER BY seq`,
      [contractId],
    );
    expect(actions.map((a) => a.action)).toEqual(['payment_plan.set', 'payment.recorded', 'payment_plan.read']);
    const tooMuch = await h.graphql(recordReceipt, { ...receipt, amount: '600.01', key: null }, 'rep.east1');
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ field: 'amount', rule: 'max_outstanding' })],
    });
    await h.graphql(recordReceipt, { ...receipt, amount: '600.00', key: null }, 'rep.east1');
    plan = await h.graphql(readPlan, { contractId }, 'rep.east1');
    expect(plan.data?.paymentPlan.instalments[0]).toMatchObject({ status: 'PAID' });
    const events = await h.streamEvents();
    expect(events.filter((e) => e.subject === 'crm.sales.payment.recorded')).toHaveLength(2);
  });

  it('keep paid instalments: a plan that drops one with money on it is refused', async () => {
    const { contractId } = await createContract(h, { value: '1000' });
    const set = await h.graphql<PlanResult>(
      setPlan,
      {
        contractId,
        expectedVersion: 0,
        instalments: [
          { dueOn: addDays(today(), 30), amount: '500' },
          { dueOn: addDays(today(), 60), amount: '500' },
        ],
      },
      'rep.east1',
    );
    const second = set.data!.setPaymentPlan.instalments[1]!.id;
    await h.graphql(recordReceipt, { instalmentId: second, amount: '100', receivedOn: today() }, 'rep.east1');
    const shrink = await h.graphql(
      setPlan,
      { contractId, expectedVersion: 1, instalments: [{ dueOn: addDays(today(), 30), amount: '900' }] },
      'rep.east1',
    );
    expect(shrink.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ field: 'instalments', rule: 'keeps_paid_instalments' })],
    });
  });

  it('show on Contract to who manages its money; other readers get null, named in extensions', async () => {
    const { contractId } = await createContract(h, { value: '800' });
    await h.graphql(
      setPlan,
      { contractId, expectedVersion: 0, instalments: [{ dueOn: addDays(today(), 9), amount: '800.00' }] },
      'rep.east1',
    );
    const contract = `query($reps: [_Any!]!) {
      _entities(representations: $reps) { ... on Contract { id paymentPlan { version planned { amount } } } }
    }`;
    const reps = [{ __typename: 'Contract', id: contractId }];
    for (const reader of ['rep.east1', 'manager.east', 'finance1', 'admin1']) {
      const res = await h.graphql(contract, { reps }, reader);
      expect(res.data).toEqual({
        _entities: [{ id: contractId, paymentPlan: { version: 1, planned: { amount: '800.00' } } }],
      });
    }
    // An auditor reads every deal and its contract, but not the contract's money.
    const audited = await h.graphql<{ _entities: unknown[] }>(contract, { reps }, 'auditor1');
    expect(audited.data?._entities).toEqual([{ id: contractId, paymentPlan: null }]);
    expect(audited.extensions?.redactedFields).toEqual([{ type: 'Contract', id: contractId, field: 'paymentPlan' }]);
    // A rep of another team does not see the deal, so not its contract either.
    const stranger = await h.graphql<{ _entities: unknown[] }>(contract, { reps }, 'rep.south1');
    expect(stranger.data?._entities).toEqual([null]);
  });
});
