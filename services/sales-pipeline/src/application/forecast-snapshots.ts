import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { idempotentCreate } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import type { Period } from '../domain/fiscal-period';
import {
  insertSnapshot,
  loadSnapshots,
  snapshotHeaderColumns,
  type ForecastSnapshot,
  type SnapshotReason,
  type SnapshotRow,
} from '../db/forecast-snapshot-rows';
import { forecastReach, type ForecastScope } from '../policy/forecast-access';
import type { ForecastService } from './forecast-service';

export type { ForecastSnapshot, SnapshotReason };

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
        async (id) => {
          const [header]: SnapshotRow[] = await tx.query(
            `SELECT ${snapshotHeaderColumns} FROM forecast_snapshots WHERE id = $1`,
            [id],
          );
          return (await loadSnapshots(tx, [{ ...header, scope, period }]))[0];
        },
      ),
    );
  }

  /** Computes the forecast inside `tx` and stores it with the rates it used. */
  async record(
    tx: EntityManager,
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    reason: SnapshotReason,
  ): Promise<ForecastSnapshot> {
    const reach = forecastReach(actor, scope);
    const forecast = await this.forecasts.compute(scope, period, actor, tx);
    const snapshot: ForecastSnapshot = {
      id: randomUUID(),
      reason,
      computedBy: actor.id,
      computedAt: new Date(),
      forecast,
    };
    // A team's roll-up holds only that team's records; a rep's may be limited to the teams the recorder manages.
    await insertSnapshot(tx, snapshot, scope.kind === 'owner' && reach.teams !== 'all' ? reach.teams : null);
    await audit(tx, actor, 'forecast.snapshot_recorded', { type: 'forecast_snapshot', id: snapshot.id }, [], {
      scope,
      period: period.label,
      reason,
    });
    return snapshot;
  }

  /**
   * The recorded roll-ups of a scope and period the actor may see, newest first: a manager looking at one rep sees
   * only the roll-ups that were limited to teams they manage (never one that counted another team's deals).
   */
  async history(
    scope: ForecastScope,
    period: Period,
    actor: Actor,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<ForecastSnapshot>> {
    const reach = forecastReach(actor, scope);
    const limit = pageSize(first);
    const params: unknown[] = [scope.kind, scope.id, period.kind, period.start];
    const where = ['scope_kind = $1', 'scope_id = $2', 'period_kind = $3', 'period_start = $4::date'];
    if (scope.kind === 'owner' && reach.teams !== 'all') {
      params.push(reach.teams);
      where.push(`reach_teams <@ $${params.length}::text[]`);
    }
    const countSql = `SELECT 1 FROM forecast_snapshots WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [computedAt, id] = decodeCursor(after, 2);
      params.push(computedAt, id);
      where.push(`(computed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const headers: SnapshotRow[] = await this.dataSource.query(
      `SELECT ${snapshotHeaderColumns} FROM forecast_snapshots WHERE ${where.join(' AND ')}
        ORDER BY computed_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = toPage(headers, limit, (r) => [r.computedAt.toISOString(), r.id]);
    const items = await loadSnapshots(
      this.dataSource.manager,
      page.items.map((h) => ({ ...h, scope, period })),
    );
    return {
      ...page,
      items,
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }
}
