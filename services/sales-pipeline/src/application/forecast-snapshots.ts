import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { idempotentCreate } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import type { Period } from '../domain/fiscal-period';
import { quotaAttainment } from '../domain/forecast';
import { money, roundMoney } from '../domain/money';
import { forecastReach, type ForecastScope } from '../policy/forecast-access';
import type { ForecastService, ForecastView } from './forecast-service';

export type SnapshotReason = 'requested' | 'adjustment';

/** A roll-up as it was computed: by whom, when, why, with the rates it used. */
export interface ForecastSnapshot {
  id: string;
  reason: SnapshotReason;
  computedBy: string;
  computedAt: Date;
  forecast: ForecastView;
}

interface SnapshotRow {
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

/** Forecast roll-ups recorded with the rates they used, and their history per scope and period. */
export class ForecastSnapshots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly forecasts: ForecastService,
    private readonly exactCountUpTo: number,
  ) {}

  /** Computes the forecast now and records it (recordForecastSnapshot), once per idempotency key. */
  async request(
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    idempotencyKey: string | null | undefined,
  ): Promise<ForecastSnapshot> {
    forecastReach(actor, scope);
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        {
          caller: actor.id,
          key: idempotencyKey,
          operation: 'recordForecastSnapshot',
          payload: { scope, period: { kind: period.kind, start: period.start } },
        },
        () => this.record(tx, scope, period, actor, 'requested'),
        (snapshot) => snapshot.id,
        async (id) => (await this.load(tx, [{ ...(await this.header(tx, id)), scope, period }]))[0],
      ),
    );
  }

  /** Computes the forecast inside `tx` and stores it: one header, its lines and its rates (three inserts). */
  async record(
    tx: EntityManager,
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    reason: SnapshotReason,
  ): Promise<ForecastSnapshot> {
    const forecast = await this.forecasts.compute(scope, period, actor, tx);
    const id = randomUUID();
    const computedAt = new Date();
    await tx.query(
      `INSERT INTO forecast_snapshots (id, scope_kind, scope_id, period_kind, period_start, period_end,
         company_currency, as_of, reason, computed_by, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        scope.kind,
        scope.id,
        period.kind,
        period.start,
        period.end,
        forecast.companyCurrency,
        forecast.asOf,
        reason,
        actor.id,
        computedAt,
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
    await audit(tx, actor, 'forecast.snapshot_recorded', { type: 'forecast_snapshot', id }, [], {
      scope,
      period: period.label,
      reason,
    });
    return { id, reason, computedBy: actor.id, computedAt, forecast };
  }

  /** The recorded roll-ups of a scope and period the actor may see, newest first. */
  async history(
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<ForecastSnapshot>> {
    forecastReach(actor, scope);
    const limit = pageSize(first);
    const params: unknown[] = [scope.kind, scope.id, period.kind, period.start];
    const where = ['scope_kind = $1', 'scope_id = $2', 'period_kind = $3', 'period_start = $4::date'];
    const countSql = `SELECT 1 FROM forecast_snapshots WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [computedAt, id] = decodeCursor(after, 2);
      params.push(computedAt, id);
      where.push(`(computed_at, id) < ($5::timestamptz, $6::uuid)`);
    }
    const headers: SnapshotRow[] = await this.dataSource.query(
      `SELECT ${headerColumns} FROM forecast_snapshots WHERE ${where.join(' AND ')}
        ORDER BY computed_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = toPage(headers, limit, (r) => [r.computedAt.toISOString(), r.id]);
    const items = await this.load(
      this.dataSource.manager,
      page.items.map((h) => ({ ...h, scope, period })),
    );
    return {
      ...page,
      items,
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  private async header(manager: EntityManager, id: string): Promise<SnapshotRow> {
    const [row]: SnapshotRow[] = await manager.query(`SELECT ${headerColumns} FROM forecast_snapshots WHERE id = $1`, [
      id,
    ]);
    return row;
  }

  /** The snapshots' lines and rates (two statements for a page of snapshots). */
  private async load(
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
}

const headerColumns = `id, reason, computed_by AS "computedBy", computed_at AS "computedAt",
  to_char(as_of, 'YYYY-MM-DD') AS "asOf", company_currency AS "companyCurrency"`;

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
