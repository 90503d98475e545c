import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import type { AppliedRate } from '../domain/exchange-rates';
import type { Period } from '../domain/fiscal-period';
import { quotaAttainment, rollUpForecast, type ForecastFigures } from '../domain/forecast';
import { applyAdjustment, type AdjustedTeamForecast, type ForecastAdjustment } from '../domain/forecast-adjustment';
import { money, roundMoney, sumMoney, zeroMoney, type Money } from '../domain/money';
import { forecastDeals, forecastQuotas, teamAdjustment, type AdjustmentRow, type QuotaRow } from '../db/forecast-rows';
import { forecastReach, type ForecastScope } from '../policy/forecast-access';
import type { ExchangeRateService } from './exchange-rate-service';

export interface RepForecast {
  ownerId: string;
  figures: ForecastFigures;
  /** The rep's quota of the period (the sum over the teams in reach), null without one. */
  quota: Money | null;
  /** closed / quota to 4 places, null without a quota. */
  attainment: string | null;
}

export interface TeamForecast extends AdjustedTeamForecast {
  /** The sum of the team's reps' quotas of the period, null when none has one. */
  quota: Money | null;
  attainment: string | null;
}

/** A forecast as answered and as recorded in a snapshot: figures, quotas, the manager's adjustment and the rates. */
export interface ForecastView {
  scope: ForecastScope;
  period: Period;
  companyCurrency: string;
  /** The day open deals were converted at. */
  asOf: string;
  reps: RepForecast[];
  /** The team's line (team scope only): its reps' figures summed, and the manager's adjustment beside them. */
  team: TeamForecast | null;
  ratesUsed: AppliedRate[];
}

const today = (): string => new Date().toISOString().slice(0, 10);

function zeroFigures(currency: string): ForecastFigures {
  const zero = roundMoney(zeroMoney(currency));
  return { closed: zero, commit: zero, bestCase: zero, pipeline: zero, weightedPipeline: zero };
}

function toAdjustment(row: AdjustmentRow | null): ForecastAdjustment | null {
  if (row === null) return null;
  return {
    commit: row.commit === null ? null : roundMoney(money(row.commit, row.currency)),
    bestCase: row.bestCase === null ? null : roundMoney(money(row.bestCase, row.currency)),
    by: row.adjustedBy,
    at: row.adjustedAt,
    note: row.note,
  };
}

/** Forecast roll-ups of a rep or a team in the company currency: a bounded number of statements, none per deal. */
export class ForecastService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rates: ExchangeRateService,
    readonly companyCurrency: string,
    readonly fiscalYearStartMonth: number,
  ) {}

  /** The forecast of `scope` for `period` as the actor may see it (refused when the scope is not theirs to see). */
  async compute(
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ForecastView> {
    const reach = forecastReach(actor, scope);
    const asOf = today();
    const currency = this.companyCurrency;
    const [deals, quotas, adjustment] = await Promise.all([
      forecastDeals(manager, scope, reach, period),
      forecastQuotas(manager, scope, reach, period),
      scope.kind === 'team' ? teamAdjustment(manager, scope.id, period) : Promise.resolve(null),
    ]);
    const from = asOf < period.start ? asOf : period.start;
    const to = asOf > period.end ? asOf : period.end;
    const rates = await this.rates.ratesBetween(
      manager,
      deals.map((d) => d.amount.currency),
      from,
      to,
    );
    const rollup = rollUpForecast({ deals, rates, companyCurrency: currency, period, asOf });
    const figuresByOwner = new Map(rollup.byOwner.map((o) => [o.ownerId, o.figures]));
    const quotaTotal = (rows: QuotaRow[]): Money | null =>
      rows.length
        ? roundMoney(
            sumMoney(
              rows.map((q) => money(q.amount, q.currency)),
              currency,
            ),
          )
        : null;
    // A rep's forecast always has the rep's line, zeros when nothing counts.
    const scoped = scope.kind === 'owner' ? [scope.id] : [];
    const owners = [...new Set([...scoped, ...figuresByOwner.keys(), ...quotas.map((q) => q.ownerId)])].sort();
    const reps = owners.map((ownerId): RepForecast => {
      const figures = figuresByOwner.get(ownerId) ?? zeroFigures(currency);
      const quota = quotaTotal(quotas.filter((q) => q.ownerId === ownerId));
      return { ownerId, figures, quota, attainment: quotaAttainment(figures.closed, quota) };
    });
    let team: TeamForecast | null = null;
    if (scope.kind === 'team') {
      const figures = rollup.byTeam.find((t) => t.teamId === scope.id)?.figures ?? zeroFigures(currency);
      const quota = quotaTotal(quotas);
      team = {
        ...applyAdjustment(scope.id, figures, toAdjustment(adjustment)),
        quota,
        attainment: quotaAttainment(figures.closed, quota),
      };
    }
    return { scope, period, companyCurrency: currency, asOf, reps, team, ratesUsed: rollup.ratesUsed };
  }
}
