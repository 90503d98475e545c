// The forecast roll-up of one period, per rep and per team, in the company currency. Categories are cumulative as in
// Salesforce: commit = closed + open commit, bestCase = commit + open best case; pipeline is every open deal that is
// not omitted; weightedPipeline = Σ amount × probability / 100 of those. Won deals convert at the rate of their close
// day, open deals at the rate of the roll-up's as-of day; each deal is rounded to the company minor unit once
// converted (the weighted figure only at the end), and every rate used is returned with the figures.
import { Exact } from './exact-decimal';
import { rateOn, type AppliedRate, type ExchangeRate } from './exchange-rates';
import { inPeriod, type Period } from './fiscal-period';
import { money, roundMoney, type Money } from './money';
import type { ForecastCategory } from './pipeline-definition';
import { InputError } from '@crm/platform/errors';
import type { DealStatus } from './stage-move';

export interface ForecastDeal {
  ownerId: string;
  teamId: string | null;
  status: DealStatus;
  amount: Money;
  /** Decimal text 0..100. */
  probability: string;
  forecastCategory: ForecastCategory;
  expectedCloseOn: string | null;
  closedOn: string | null;
}

export interface ForecastFigures {
  closed: Money;
  commit: Money;
  bestCase: Money;
  pipeline: Money;
  weightedPipeline: Money;
}

export interface ForecastRollup {
  period: Period;
  companyCurrency: string;
  byOwner: { ownerId: string; figures: ForecastFigures }[];
  byTeam: { teamId: string; figures: ForecastFigures }[];
  /** Every rate a figure was converted at, by currency then date. */
  ratesUsed: AppliedRate[];
}

export interface ForecastInput {
  deals: ForecastDeal[];
  rates: ExchangeRate[];
  companyCurrency: string;
  period: Period;
  /** The roll-up's day: open deals convert at the rate effective then. */
  asOf: string;
}

interface Sums {
  closed: Exact;
  openCommit: Exact;
  openBestCase: Exact;
  pipeline: Exact;
  weighted: Exact;
}

const emptySums = (): Sums => ({
  closed: new Exact(0),
  openCommit: new Exact(0),
  openBestCase: new Exact(0),
  pipeline: new Exact(0),
  weighted: new Exact(0),
});

function figures(sums: Sums, currency: string): ForecastFigures {
  const round = (value: Exact) => roundMoney(money(value, currency));
  const commit = sums.closed.plus(sums.openCommit);
  return {
    closed: round(sums.closed),
    commit: round(commit),
    bestCase: round(commit.plus(sums.openBestCase)),
    pipeline: round(sums.pipeline),
    weightedPipeline: round(sums.weighted),
  };
}

/** What one deal adds to the period's sums, or null when it does not count in the period. */
function contribution(deal: ForecastDeal, input: ForecastInput, rateUsed: (rate: AppliedRate) => void): Sums | null {
  const counts =
    deal.status === 'won'
      ? inPeriod(input.period, deal.closedOn)
      : deal.status === 'open' && deal.forecastCategory !== 'omitted' && inPeriod(input.period, deal.expectedCloseOn);
  if (!counts) return null;
  const day = deal.status === 'won' ? (deal.closedOn as string) : input.asOf;
  const rate = rateOn(input.rates, deal.amount.currency, input.companyCurrency, day);
  rateUsed(rate);
  const converted = new Exact(
    roundMoney(money(new Exact(deal.amount.amount).times(rate.rate), input.companyCurrency)).amount,
  );
  const sums = emptySums();
  if (deal.status === 'won') return { ...sums, closed: converted };
  return {
    ...sums,
    openCommit: deal.forecastCategory === 'commit' ? converted : sums.openCommit,
    openBestCase: deal.forecastCategory === 'best_case' ? converted : sums.openBestCase,
    pipeline: converted,
    weighted: converted.times(deal.probability).div(100),
  };
}

function add(a: Sums, b: Sums): Sums {
  return {
    closed: a.closed.plus(b.closed),
    openCommit: a.openCommit.plus(b.openCommit),
    openBestCase: a.openBestCase.plus(b.openBestCase),
    pipeline: a.pipeline.plus(b.pipeline),
    weighted: a.weighted.plus(b.weighted),
  };
}

export function rollUpForecast(input: ForecastInput): ForecastRollup {
  const byOwner = new Map<string, Sums>();
  const byTeam = new Map<string, Sums>();
  const rates = new Map<string, AppliedRate>();
  for (const deal of input.deals) {
    const sums = contribution(deal, input, (rate) => rates.set(`${rate.currency} ${rate.effectiveOn}`, rate));
    if (sums === null) continue;
    byOwner.set(deal.ownerId, add(byOwner.get(deal.ownerId) ?? emptySums(), sums));
    if (deal.teamId !== null) byTeam.set(deal.teamId, add(byTeam.get(deal.teamId) ?? emptySums(), sums));
  }
  const currency = input.companyCurrency;
  return {
    period: input.period,
    companyCurrency: currency,
    byOwner: [...byOwner].map(([ownerId, sums]) => ({ ownerId, figures: figures(sums, currency) })),
    byTeam: [...byTeam].map(([teamId, sums]) => ({ teamId, figures: figures(sums, currency) })),
    ratesUsed: [...rates.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || (a.effectiveOn ?? '').localeCompare(b.effectiveOn ?? ''),
    ),
  };
}

/** closed / quota to 4 places (0.8532 is 85.32 %), half-even; null without a quota or with a zero quota. */
export function quotaAttainment(closed: Money, quota: Money | null): string | null {
  if (quota === null || new Exact(quota.amount).isZero()) return null;
  if (closed.currency !== quota.currency) {
    throw InputError.single(['quota', 'currency'], 'same_currency', `must be in ${closed.currency}, like the figures`);
  }
  return new Exact(closed.amount).div(quota.amount).toFixed(4, Exact.ROUND_HALF_EVEN);
}
