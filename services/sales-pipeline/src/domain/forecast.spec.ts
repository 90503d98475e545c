import type { ExchangeRate } from './exchange-rates';
import { periodOf } from './fiscal-period';
import { quotaAttainment, rollUpForecast, type ForecastDeal } from './forecast';
import { money } from './money';
import { InputError } from '@crm/platform/errors';

// Company currency CNY; finance's USD rates: 7.10 from 2026-01-01, 7.25 from 2026-02-15.
const rates: ExchangeRate[] = [
  { currency: 'USD', companyCurrency: 'CNY', rate: '7.10', effectiveOn: '2026-01-01' },
  { currency: 'USD', companyCurrency: 'CNY', rate: '7.25', effectiveOn: '2026-02-15' },
];
const q1 = periodOf('2026-02-01', 'quarter', 1); // 2026-01-01..2026-03-31

const deal = (change: Partial<ForecastDeal>): ForecastDeal => ({
  ownerId: 'rep-1',
  teamId: 'east',
  status: 'open',
  amount: money('0', 'CNY'),
  probability: '0',
  forecastCategory: 'pipeline',
  expectedCloseOn: null,
  closedOn: null,
  ...change,
});

const deals: ForecastDeal[] = [
  // A: won 1000 USD on 02-01 at 7.10 = 7100.00
  deal({ status: 'won', amount: money('1000.00', 'USD'), forecastCategory: 'closed', closedOn: '2026-02-01' }),
  // B: won 5000 CNY = 5000.00
  deal({ status: 'won', amount: money('5000.00', 'CNY'), forecastCategory: 'closed', closedOn: '2026-03-05' }),
  // C: commit 2000 USD at the as-of rate 7.25 = 14500.00, weighted × 80 % = 11600.00
  deal({
    amount: money('2000.00', 'USD'),
    probability: '80',
    forecastCategory: 'commit',
    expectedCloseOn: '2026-03-20',
  }),
  // D: best case 333.33 USD × 7.25 = 2416.6425 → 2416.64, weighted × 50 % = 1208.32
  deal({
    ownerId: 'rep-2',
    amount: money('333.33', 'USD'),
    probability: '50',
    forecastCategory: 'best_case',
    expectedCloseOn: '2026-03-31',
  }),
  // E: pipeline 10000 CNY, weighted × 10 % = 1000.00
  deal({ ownerId: 'rep-2', amount: money('10000', 'CNY'), probability: '10', expectedCloseOn: '2026-02-28' }),
  // F: omitted: not counted
  deal({ ownerId: 'rep-2', amount: money('999', 'USD'), forecastCategory: 'omitted', expectedCloseOn: '2026-03-01' }),
  // G: expected after the quarter: not counted
  deal({ ownerId: 'rep-2', amount: money('50', 'USD'), forecastCategory: 'commit', expectedCloseOn: '2026-04-01' }),
  // H: lost: not counted
  deal({ status: 'lost', amount: money('70', 'USD'), forecastCategory: 'omitted', closedOn: '2026-02-02' }),
  // I: a rep without a team: won 100 USD on 02-15 at 7.25 = 725.00
  deal({ ownerId: 'rep-3', teamId: null, status: 'won', amount: money('100', 'USD'), closedOn: '2026-02-15' }),
  // J: won before the quarter (and before any rate): not counted
  deal({ status: 'won', amount: money('100', 'USD'), closedOn: '2025-12-31' }),
];

const figures = (closed: string, commit: string, bestCase: string, pipeline: string, weightedPipeline: string) => ({
  closed: { amount: closed, currency: 'CNY' },
  commit: { amount: commit, currency: 'CNY' },
  bestCase: { amount: bestCase, currency: 'CNY' },
  pipeline: { amount: pipeline, currency: 'CNY' },
  weightedPipeline: { amount: weightedPipeline, currency: 'CNY' },
});

describe('forecast roll-up', () => {
  const rollup = rollUpForecast({ deals, rates, companyCurrency: 'CNY', period: q1, asOf: '2026-03-10' });

  it('rolls up each rep in the company currency, checked by hand', () => {
    expect(rollup.byOwner).toEqual([
      // closed 7100 + 5000; commit 12100 + 14500; best case adds nothing; pipeline 14500; weighted 11600
      { ownerId: 'rep-1', figures: figures('12100.00', '26600.00', '26600.00', '14500.00', '11600.00') },
      // best case 2416.64; pipeline 2416.64 + 10000; weighted 1208.32 + 1000
      { ownerId: 'rep-2', figures: figures('0.00', '0.00', '2416.64', '12416.64', '2208.32') },
      { ownerId: 'rep-3', figures: figures('725.00', '725.00', '725.00', '0.00', '0.00') },
    ]);
  });

  it('rolls up the team from the same deals, leaving out reps without a team', () => {
    expect(rollup.byTeam).toEqual([
      { teamId: 'east', figures: figures('12100.00', '26600.00', '29016.64', '26916.64', '13808.32') },
    ]);
  });

  it('records every rate used, the close-day rate for won deals and the as-of rate for open ones', () => {
    expect(rollup.ratesUsed).toEqual([
      { currency: 'CNY', rate: '1', effectiveOn: null },
      { currency: 'USD', rate: '7.10', effectiveOn: '2026-01-01' },
      { currency: 'USD', rate: '7.25', effectiveOn: '2026-02-15' },
    ]);
  });

  it('reads an earlier as-of day at the earlier rate: C at 7.10 = 14200.00, D 333.33 × 7.10 = 2366.643 → 2366.64', () => {
    const early = rollUpForecast({ deals, rates, companyCurrency: 'CNY', period: q1, asOf: '2026-02-01' });
    expect(early.byTeam[0].figures.pipeline.amount).toBe('26566.64'); // 14200 + 2366.64 + 10000
  });

  it('refuses a roll-up that needs a missing rate, naming the currency', () => {
    const eur = deal({ amount: money('10', 'EUR'), expectedCloseOn: '2026-03-01' });
    expect(() =>
      rollUpForecast({ deals: [eur], rates, companyCurrency: 'CNY', period: q1, asOf: '2026-03-10' }),
    ).toThrow(/EUR/);
  });

  it('is empty without deals in the period', () => {
    expect(rollUpForecast({ deals: [], rates, companyCurrency: 'CNY', period: q1, asOf: '2026-03-10' })).toMatchObject({
      byOwner: [],
      byTeam: [],
      ratesUsed: [],
    });
  });
});

describe('quota attainment', () => {
  it.each([
    ['12100.00', '20000', '0.6050'],
    ['1', '3', '0.3333'],
    ['2', '3', '0.6667'],
    // 0.00005 is a tie: half-even keeps 0.0000
    ['1', '20000', '0.0000'],
    ['3', '20000', '0.0002'],
    ['30000', '20000', '1.5000'],
  ])('closed %s against a quota of %s is %s', (closed, quota, expected) => {
    expect(quotaAttainment(money(closed, 'CNY'), money(quota, 'CNY'))).toBe(expected);
  });

  it('has none without a quota or with a zero quota', () => {
    expect(quotaAttainment(money('5', 'CNY'), null)).toBeNull();
    expect(quotaAttainment(money('5', 'CNY'), money('0.00', 'CNY'))).toBeNull();
  });

  it('refuses a quota in another currency', () => {
    expect(() => quotaAttainment(money('5', 'CNY'), money('5', 'USD'))).toThrow(InputError);
  });
});
