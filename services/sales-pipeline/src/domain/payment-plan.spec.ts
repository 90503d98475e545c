import { caughtRuleError } from './caught-rule-error';
import { money } from './money';
import {
  instalmentState,
  receivablesSummary,
  validateInstalments,
  type Instalment,
  type StatusClock,
} from './payment-plan';
import { InputError } from '@crm/platform/errors';

const contract = money('10000.00', 'CNY');
const cny = (amount: string) => ({ amount, currency: 'CNY' });

// 2026-04-10T17:00Z is 2026-04-11 01:00 in Shanghai: "today" there is April 11.
const clock: StatusClock = { now: new Date('2026-04-10T17:00:00Z'), timeZone: 'Asia/Shanghai', dueSoonDays: 7 };
const instalment = (dueOn: string, amount = '1000.00'): Instalment => ({ dueOn, amount: money(amount, 'CNY') });
const receipt = (amount: string) => ({ amount: money(amount, 'CNY'), receivedOn: '2026-04-01' });

describe('payment plan', () => {
  it('accepts instalments up to the contract value exactly: 3000 + 3000 + 4000 = 10000', () => {
    const plan = [
      { dueOn: '2026-05-01', amount: cny('3000') },
      { dueOn: '2026-06-01', amount: cny('3000.00') },
      { dueOn: '2026-07-01', amount: cny('4000') },
    ];
    expect(validateInstalments(plan, contract).map((i) => i.amount.amount)).toEqual(['3000', '3000', '4000']);
  });

  it('names the instalment that passes the contract value and by how much: 6000 + 4000.01 is 0.01 over', () => {
    const error = caughtRuleError(() =>
      validateInstalments(
        [
          { dueOn: '2026-05-01', amount: cny('6000') },
          { dueOn: '2026-06-01', amount: cny('4000.01') },
          { dueOn: '2026-07-01', amount: cny('500') },
        ],
        contract,
      ),
    );
    expect(error.violations).toEqual([
      {
        path: ['instalments', 1],
        rule: 'within_contract_value',
        message: 'brings the plan to 10000.01 CNY, 0.01 CNY above the contract value 10000.00 CNY',
      },
    ]);
  });

  it.each([
    [{ dueOn: '2026-05-01', amount: cny('0') }, ['instalments', 0, 'amount', 'amount'], 'min'],
    [{ dueOn: '2026-05-01', amount: cny('-5') }, ['instalments', 0, 'amount', 'amount'], 'min'],
    [{ dueOn: '2026-05-01', amount: cny('1.005') }, ['instalments', 0, 'amount', 'amount'], 'minor_units'],
    [
      { dueOn: '2026-05-01', amount: { amount: '5', currency: 'USD' } },
      ['instalments', 0, 'amount', 'currency'],
      'same_currency',
    ],
    [{ dueOn: '2026-02-30', amount: cny('5') }, ['instalments', 0, 'dueOn'], 'date'],
  ])('refuses %j, naming %j (%s)', (raw, path, rule) => {
    expect(caughtRuleError(() => validateInstalments([raw], contract)).violations).toEqual([
      expect.objectContaining({ path, rule }),
    ]);
  });

  it.each([
    // today in Shanghai is 04-11
    ['due in 8 days, nothing paid: scheduled', instalment('2026-04-19'), [], 'scheduled', '1000', 0],
    ['due in 7 days: due soon', instalment('2026-04-18'), [], 'due_soon', '1000', 0],
    ['due today: due soon, not late', instalment('2026-04-11'), [], 'due_soon', '1000', 0],
    ['due yesterday: 1 day overdue', instalment('2026-04-10'), [], 'overdue', '1000', 1],
    [
      'due in a month, 400 paid: partially paid, 600 left',
      instalment('2026-05-11'),
      [receipt('400')],
      'partially_paid',
      '600',
      0,
    ],
    [
      'due 03-01, 400 paid: overdue by 41 days (30 in March + 11), 600 left',
      instalment('2026-03-01'),
      [receipt('400')],
      'overdue',
      '600',
      41,
    ],
    ['paid in two receipts: 600 + 400', instalment('2026-03-01'), [receipt('600'), receipt('400.00')], 'paid', '0', 0],
    ['overpaid: paid, nothing left', instalment('2026-03-01'), [receipt('1200')], 'paid', '0', 0],
  ])('%s', (_case, item, receipts, status, outstanding, daysOverdue) => {
    const state = instalmentState(item, receipts, clock);
    expect([state.status, state.outstanding.amount, state.daysOverdue]).toEqual([status, outstanding, daysOverdue]);
  });

  it('decides "today" in the company time zone: due 04-10 is still due in New York at 17:00 UTC', () => {
    const newYork = { ...clock, timeZone: 'America/New_York' };
    expect(instalmentState(instalment('2026-04-10'), [], newYork).status).toBe('due_soon');
    expect(instalmentState(instalment('2026-04-10'), [], clock).status).toBe('overdue');
  });

  it('refuses a receipt in another currency', () => {
    const usd = { amount: money('10', 'USD'), receivedOn: '2026-04-01' };
    expect(() => instalmentState(instalment('2026-05-01'), [usd], clock)).toThrow(InputError);
  });

  it('sums receivables due and overdue by age, checked by hand', () => {
    const summary = receivablesSummary(
      [
        { instalment: instalment('2026-05-01', '2000.00'), receipts: [receipt('500')] }, // due 1500
        { instalment: instalment('2026-04-11', '300.00'), receipts: [] }, // due today: due 300
        { instalment: instalment('2026-04-10', '100.00'), receipts: [] }, // 1 day late
        { instalment: instalment('2026-03-12', '200.00'), receipts: [] }, // 30 days late
        { instalment: instalment('2026-03-11', '400.00'), receipts: [receipt('100')] }, // 31 days late: 300
        { instalment: instalment('2026-01-11', '800.00'), receipts: [] }, // 90 days late
        { instalment: instalment('2026-01-10', '1000.00'), receipts: [] }, // 91 days late
        { instalment: instalment('2026-01-01', '50.00'), receipts: [receipt('50')] }, // paid
      ],
      'CNY',
      clock,
    );
    expect(summary).toEqual({
      due: money('1800', 'CNY'), // 1500 + 300
      overdue: money('2400', 'CNY'), // 100 + 200 + 300 + 800 + 1000
      overdueByAge: {
        days0to30: money('300', 'CNY'),
        days31to60: money('300', 'CNY'),
        days61to90: money('800', 'CNY'),
        over90: money('1000', 'CNY'),
      },
    });
  });
});
