import { salesEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import { addDays, dateIn } from '../src/domain/calendar-date';
import { createContract } from './contract-fixtures';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const setPlan = `mutation($contractId: ID!, $instalments: [InstalmentInput!]!) {
  setPaymentPlan(contractId: $contractId, instalments: $instalments, expectedVersion: 0) { instalments { id dueOn } }
}`;
const DAY_MS = 24 * 60 * 60 * 1000;

describeWithKeycloak('instalment due and overdue notices', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_instalment_notices');
  }, 120_000);
  afterAll(() => h?.stop());

  async function notices() {
    const events = await h.streamEvents();
    return {
      due: events
        .filter((e) => e.subject === 'crm.sales.instalment.due')
        .map((e) => salesEventsV1.InstalmentDue.decode(e.data)),
      overdue: events
        .filter((e) => e.subject === 'crm.sales.instalment.overdue')
        .map((e) => salesEventsV1.InstalmentOverdue.decode(e.data)),
    };
  }

  it('go out once per instalment: N days ahead, and when the day has passed unpaid', async () => {
    const { contractId } = await createContract(h, { value: '9000' });
    const today = dateIn(new Date(), 'Asia/Shanghai');
    const plan = await h.graphql<{ setPaymentPlan: { instalments: { id: string }[] } }>(
      setPlan,
      {
        contractId,
        instalments: [
          { dueOn: addDays(today, 3), amount: '1000' },
          { dueOn: addDays(today, 30), amount: '2000' },
          { dueOn: addDays(today, -5), amount: '3000' },
          { dueOn: addDays(today, -2), amount: '500' },
        ],
      },
      'rep.east1',
    );
    expect(plan.errors).toBeUndefined();
    const [soon, later, late, paidLate] = plan.data!.setPaymentPlan.instalments.map((i) => i.id);
    await h.graphql(
      `mutation($id: ID!, $on: Date!) { recordReceipt(instalmentId: $id, amount: "500", receivedOn: $on) { id } }`,
      { id: paidLate, on: today },
      'rep.east1',
    );
    const jobs = h.app.services.instalmentNotices;
    // Two runs at once (as two replicas would without the job lock) and a rerun: still one notice each.
    await Promise.all([jobs.run('run-1'), jobs.run('run-2')]);
    await jobs.run('run-3');
    let sent = await notices();
    expect(sent.due.map((e) => [e.instalmentId, e.daysBefore, e.outstanding?.amount])).toEqual([[soon, 3, '1000']]);
    expect(sent.overdue.map((e) => [e.instalmentId, e.dueOn, e.outstanding?.amount])).toEqual([
      [late, addDays(today, -5), '3000'],
    ]);
    expect(sent.due[0]?.ownerId).toBe(await h.userId('rep.east1'));

    // 25 days on: the later one falls due in 5 days, the soon one is now late; nothing is sent twice.
    const in25 = new Date(Date.now() + 25 * DAY_MS);
    await jobs.run('run-4', in25);
    await jobs.run('run-5', in25);
    sent = await notices();
    expect(sent.due.map((e) => [e.instalmentId, e.daysBefore])).toEqual([
      [soon, 3],
      [later, 5],
    ]);
    expect(sent.overdue.map((e) => e.instalmentId)).toEqual([late, soon]);
    expect(sent.overdue.map((e) => e.instalmentId)).not.toContain(paidLate);
  });
});
