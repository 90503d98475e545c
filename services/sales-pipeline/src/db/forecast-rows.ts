import type { EntityManager } from 'typeorm';
import type { ForecastDeal } from '../domain/forecast';
import type { Period } from '../domain/fiscal-period';
import type { ForecastScope, ForecastReach } from '../policy/forecast-access';

/** The condition limiting rows of a table aliased `alias` to a forecast's scope and the caller's reach. */
function scopeSql(alias: string, scope: ForecastScope, reach: ForecastReach, params: unknown[]): string {
  params.push(scope.id);
  const conditions = [`${alias}.${scope.kind === 'owner' ? 'owner_id' : 'team_id'} = $${params.length}`];
  if (reach.teams !== 'all') {
    params.push(reach.teams);
    conditions.push(`${alias}.team_id = ANY($${params.length}::text[])`);
  }
  return conditions.join(' AND ');
}

interface DealRow {
  ownerId: string;
  teamId: string | null;
  status: ForecastDeal['status'];
  amount: string;
  currency: string;
  probability: string;
  forecastCategory: ForecastDeal['forecastCategory'];
  expectedCloseOn: string | null;
  closedOn: string | null;
}

/**
 * The deals that count in the period (won in it, by their UTC close day, or open and expected to close in it), with
 * their stage's forecast category: one statement however many deals.
 */
export async function forecastDeals(
  manager: EntityManager,
  scope: ForecastScope,
  reach: ForecastReach,
  period: Period,
): Promise<ForecastDeal[]> {
  const params: unknown[] = [period.start, period.end];
  const rows: DealRow[] = await manager.query(
    `SELECT o.owner_id AS "ownerId", o.team_id AS "teamId", o.status, o.amount::text AS amount, o.currency,
            o.probability::text AS probability, s.forecast_category AS "forecastCategory",
            to_char(o.expected_close_on, 'YYYY-MM-DD') AS "expectedCloseOn",
            to_char(o.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "closedOn"
       FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id
      WHERE o.deleted_at IS NULL AND ${scopeSql('o', scope, reach, params)}
        AND ((o.status = 'won' AND o.closed_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
                               AND o.closed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC')
             OR (o.status = 'open' AND o.expected_close_on BETWEEN $1::date AND $2::date))`,
    params,
  );
  return rows.map((r) => ({
    ownerId: r.ownerId,
    teamId: r.teamId,
    status: r.status,
    amount: { amount: r.amount, currency: r.currency },
    probability: r.probability,
    forecastCategory: r.forecastCategory,
    expectedCloseOn: r.expectedCloseOn,
    closedOn: r.closedOn,
  }));
}

export interface QuotaRow {
  id: string;
  ownerId: string;
  teamId: string;
  periodKind: Period['kind'];
  periodStart: string;
  amount: string;
  currency: string;
  setBy: string;
  setAt: Date;
}

export const quotaColumns = `q.id, q.owner_id AS "ownerId", q.team_id AS "teamId", q.period_kind AS "periodKind",
  to_char(q.period_start, 'YYYY-MM-DD') AS "periodStart", trim_scale(q.amount)::text AS amount, q.currency, q.set_by AS "setBy",
  q.set_at AS "setAt"`;

/** The quotas of the period within the scope and reach (one statement). */
export function forecastQuotas(
  manager: EntityManager,
  scope: ForecastScope,
  reach: ForecastReach,
  period: Period,
): Promise<QuotaRow[]> {
  const params: unknown[] = [period.kind, period.start];
  return manager.query(
    `SELECT ${quotaColumns} FROM quotas q
      WHERE q.period_kind = $1 AND q.period_start = $2::date AND ${scopeSql('q', scope, reach, params)}`,
    params,
  );
}

export interface AdjustmentRow {
  teamId: string;
  commit: string | null;
  bestCase: string | null;
  currency: string;
  note: string | null;
  adjustedBy: string;
  adjustedAt: Date;
}

/** The manager's adjustment of a team's forecast for the period, or null. */
export async function teamAdjustment(
  manager: EntityManager,
  teamId: string,
  period: Period,
): Promise<AdjustmentRow | null> {
  const [row]: AdjustmentRow[] = await manager.query(
    `SELECT team_id AS "teamId", trim_scale(commit_amount)::text AS commit,
            trim_scale(best_case_amount)::text AS "bestCase", currency, note,
            adjusted_by AS "adjustedBy", adjusted_at AS "adjustedAt"
       FROM forecast_adjustments WHERE team_id = $1 AND period_kind = $2 AND period_start = $3::date`,
    [teamId, period.kind, period.start],
  );
  return row ?? null;
}
