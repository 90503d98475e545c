import type { EntityManager } from 'typeorm';
import type { ForecastView } from '../application/forecast-service';
import { quotaAttainment } from '../domain/forecast';
import type { Period } from '../domain/fiscal-period';
import { money, roundMoney } from '../domain/money';
import type { ForecastScope } from '../policy/forecast-access';

export type SnapshotReason = 'requested' | 'adjustment';

/** A roll-up as it was computed: by whom, when, why, with the rates it used. */
export interface ForecastSnapshot {
  id: string;
  reason: SnapshotReason;
  computedBy: string;
  computedAt: Date;
  forecast: ForecastView;
}

export interface SnapshotRow {
  id: string;
  reason: SnapshotReason;
  computedBy: string;
  computedAt: Date;
  asOf: string;
  companyCurrency: string;
}

interface LineRow {
  snapshotId: string;
  lineKind: 'owner' | 'team';
  subjectId: string;
  closed: string;
  commit: string;
  bestCase: string;
  pipeline: string;
  weightedPipeline: string;
  quota: string | null;
  adjustedCommit: string | null;
  adjustedBestCase: string | null;
  adjustedBy: string | null;
  adjustedAt: Date | null;
  adjustmentNote: string | null;
}

interface RateRow {
  snapshotId: string;
  currency: string;
  rate: string;
  effectiveOn: string | null;
}

/**
 * Stores a computed forecast: its header, one line per rep and team, and the rates it used (three statements).
 * `reachTeams`: the teams a rep's roll-up was limited to (null: all of the rep's deals, or a team's forecast).
 */
export async function insertSnapshot(
  tx: EntityManager,
  snapshot: ForecastSnapshot,
  reachTeams: string[] | null,
): Promise<void> {
  const { id, forecast } = snapshot;
  const { scope, period } = forecast;
  await tx.query(
    `INSERT INTO forecast_snapshots (id, scope_kind, scope_id, period_kind, period_start, period_end,
       company_currency, as_of, reason, computed_by, computed_at, reach_teams)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      scope.kind,
      scope.id,
      period.kind,
      period.start,
      period.end,
      forecast.companyCurrency,
      forecast.asOf,
      snapshot.reason,
      snapshot.computedBy,
      snapshot.computedAt,
      reachTeams,
    ],
  );
  const lines = [
    ...forecast.reps.map((r) => ({ kind: 'owner', id: r.ownerId, ...r, adjusted: null })),
    ...(forecast.team ? [{ kind: 'team', id: forecast.team.teamId, ...forecast.team }] : []),
  ];
  if (lines.length) {
    await tx.query(
      `INSERT INTO forecast_snapshot_lines (snapshot_id, line_kind, subject_id, closed, commit_amount, best_case,
         pipeline, weighted_pipeline, quota, adjusted_commit, adjusted_best_case, adjusted_by, adjusted_at,
         adjustment_note)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
         $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[], $13::timestamptz[], $14::text[])`,
      [
        id,
        lines.map((l) => l.kind),
        lines.map((l) => l.id),
        lines.map((l) => l.figures.closed.amount),
        lines.map((l) => l.figures.commit.amount),
        lines.map((l) => l.figures.bestCase.amount),
        lines.map((l) => l.figures.pipeline.amount),
        lines.map((l) => l.figures.weightedPipeline.amount),
        lines.map((l) => l.quota?.amount ?? null),
        lines.map((l) => l.adjusted?.commit.amount ?? null),
        lines.map((l) => l.adjusted?.bestCase.amount ?? null),
        lines.map((l) => l.adjusted?.by ?? null),
        lines.map((l) => l.adjusted?.at ?? null),
        lines.map((l) => l.adjusted?.note ?? null),
      ],
    );
  }
  if (forecast.ratesUsed.length) {
    await tx.query(
      `INSERT INTO forecast_snapshot_rates (snapshot_id, currency, rate, effective_on)
       SELECT $1, * FROM unnest($2::text[], $3::numeric[], $4::date[])`,
      [
        id,
        forecast.ratesUsed.map((r) => r.currency),
        forecast.ratesUsed.map((r) => r.rate),
        forecast.ratesUsed.map((r) => r.effectiveOn),
      ],
    );
  }
}

export const snapshotHeaderColumns = `id, reason, computed_by AS "computedBy", computed_at AS "computedAt",
  to_char(as_of, 'YYYY-MM-DD') AS "asOf", company_currency AS "companyCurrency"`;

/** The snapshots' lines and rates (two statements for a page of snapshots). */
export async function loadSnapshots(
  manager: EntityManager,
  headers: (SnapshotRow & { scope: ForecastScope; period: Period })[],
): Promise<ForecastSnapshot[]> {
  if (!headers.length) return [];
  const ids = headers.map((h) => h.id);
  const [lines, rates]: [LineRow[], RateRow[]] = await Promise.all([
    manager.query(
      `SELECT snapshot_id AS "snapshotId", line_kind AS "lineKind", subject_id AS "subjectId",
              closed::text AS closed, commit_amount::text AS commit, best_case::text AS "bestCase",
              pipeline::text AS pipeline, weighted_pipeline::text AS "weightedPipeline", quota::text AS quota,
              adjusted_commit::text AS "adjustedCommit", adjusted_best_case::text AS "adjustedBestCase",
              adjusted_by AS "adjustedBy", adjusted_at AS "adjustedAt", adjustment_note AS "adjustmentNote"
         FROM forecast_snapshot_lines WHERE snapshot_id = ANY($1::uuid[]) ORDER BY subject_id`,
      [ids],
    ),
    manager.query(
      `SELECT snapshot_id AS "snapshotId", currency, trim_scale(rate)::text AS rate,
              to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn"
         FROM forecast_snapshot_rates WHERE snapshot_id = ANY($1::uuid[]) ORDER BY currency, effective_on`,
      [ids],
    ),
  ]);
  return headers.map((h) => toSnapshot(h, lines, rates));
}

function toSnapshot(
  h: SnapshotRow & { scope: ForecastScope; period: Period },
  lines: LineRow[],
  rates: RateRow[],
): ForecastSnapshot {
  const currency = h.companyCurrency;
  const m = (amount: string) => roundMoney(money(amount, currency));
  const mine = lines.filter((l) => l.snapshotId === h.id);
  const line = (l: LineRow) => {
    const quota = l.quota === null ? null : m(l.quota);
    const figures = {
      closed: m(l.closed),
      commit: m(l.commit),
      bestCase: m(l.bestCase),
      pipeline: m(l.pipeline),
      weightedPipeline: m(l.weightedPipeline),
    };
    return { figures, quota, attainment: quotaAttainment(figures.closed, quota) };
  };
  const teamLine = mine.find((l) => l.lineKind === 'team');
  const forecast: ForecastView = {
    scope: h.scope,
    period: h.period,
    companyCurrency: currency,
    asOf: h.asOf,
    reps: mine.filter((l) => l.lineKind === 'owner').map((l) => ({ ownerId: l.subjectId, ...line(l) })),
    team: teamLine
      ? {
          teamId: teamLine.subjectId,
          ...line(teamLine),
          adjusted:
            teamLine.adjustedBy === null
              ? null
              : {
                  commit: m(teamLine.adjustedCommit!),
                  bestCase: m(teamLine.adjustedBestCase!),
                  by: teamLine.adjustedBy,
                  at: teamLine.adjustedAt!,
                  note: teamLine.adjustmentNote,
                },
        }
      : null,
    ratesUsed: rates
      .filter((r) => r.snapshotId === h.id)
      .map((r) => ({ currency: r.currency, rate: r.rate, effectiveOn: r.effectiveOn })),
  };
  return { id: h.id, reason: h.reason, computedBy: h.computedBy, computedAt: h.computedAt, forecast };
}
