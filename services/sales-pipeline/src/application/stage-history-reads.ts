import type { DataSource } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { decodeCursor, pageSize, toPages, type Page } from '@crm/platform/pagination';
import { addDays, parseCalendarDate } from '../domain/calendar-date';
import { dealVisibilitySql } from '../policy/visibility-sql';

/** One row of a deal's stage history: who moved it, when, from where to where, and how long it stayed before. */
export interface StageHistoryRow {
  id: string;
  opportunityId: string;
  fromStageId: string | null;
  toStageId: string;
  fromStatus: string | null;
  toStatus: string;
  movedBy: string;
  movedAt: Date;
  /** Whole seconds in the stage it left; null for the row of its creation. */
  secondsInPreviousStage: number | null;
  /** 'pipeline edit', a reopening's reason, or null for an ordinary move. */
  reason: string | null;
}

export interface StageCycleTime {
  stageId: string;
  /** How many stays in the stage ended within the period. */
  stays: number;
  averageDays: number;
  medianDays: number;
}

export interface CycleTimeReport {
  pipelineId: string;
  from: string;
  to: string;
  stages: StageCycleTime[];
  /** Deals won within the period, and their days from creation to the win. */
  won: { deals: number; averageDays: number | null; medianDays: number | null };
}

const historyColumns = `h.id, h.opportunity_id AS "opportunityId", h.from_stage_id AS "fromStageId",
  h.to_stage_id AS "toStageId", h.from_status AS "fromStatus", h.to_status AS "toStatus", h.moved_by AS "movedBy",
  h.moved_at AS "movedAt", h.seconds_in_previous::float8 AS "secondsInPreviousStage", h.reason`;

/** Reads of the stage history: a deal's moves (Opportunity.stageHistory) and the cycle-time report. */
export class StageHistoryReads {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of history per deal, oldest move first (one statement for a page of deals). */
  async pagesByDeal(
    dealIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Map<string, Page<StageHistoryRow>>> {
    const limit = pageSize(first);
    const ids = dealIds.filter(isUuid);
    const params: unknown[] = [ids];
    let cursor = '';
    if (after) {
      const [movedAt, id] = decodeCursor(after, 2);
      params.push(movedAt, id);
      cursor = `AND (h.moved_at, h.id) > ($2::timestamptz, $3::uuid)`;
    }
    const rows: StageHistoryRow[] = ids.length
      ? await this.dataSource.query(
          `SELECT page.* FROM unnest($1::uuid[]) AS deal(id) CROSS JOIN LATERAL (
             SELECT ${historyColumns} FROM opportunity_stage_history h
              WHERE h.opportunity_id = deal.id ${cursor} ORDER BY h.moved_at, h.id LIMIT ${limit + 1}) AS page`,
          params,
        )
      : [];
    return toPages(
      ids,
      rows,
      (r) => r.opportunityId,
      limit,
      (r) => [r.movedAt.toISOString(), r.id],
    );
  }

  /**
   * Average and median days deals stayed in each stage (stays that ended within [from, to], UTC dates), and the won
   * deals' cycle time, over the deals the actor may see. Closed stages do not count: a stay there is not a cycle.
   */
  async cycleTimes(pipelineId: string, from: string, to: string, actor: Actor): Promise<CycleTimeReport> {
    if (!isUuid(pipelineId)) throw InputError.single(['pipelineId'], 'uuid', 'must be a UUID');
    const start = parseCalendarDate(from, ['from']);
    const end = parseCalendarDate(to, ['to']);
    if (end < start) throw InputError.single(['to'], 'range', 'must be on or after from');
    const visibility = dealVisibilitySql(actor, 'o', 4);
    const params = [pipelineId, start, addDays(end, 1), ...visibility.params];
    const days = (expr: string) => `round((${expr} / 86400.0)::numeric, 2)::float8`;
    const stages: StageCycleTime[] = await this.dataSource.query(
      `SELECT h.from_stage_id AS "stageId", count(*)::int AS stays,
              ${days('avg(h.seconds_in_previous)')} AS "averageDays",
              ${days('percentile_cont(0.5) WITHIN GROUP (ORDER BY h.seconds_in_previous)')} AS "medianDays"
         FROM opportunity_stage_history h JOIN opportunities o ON o.id = h.opportunity_id
        WHERE h.pipeline_id = $1 AND h.from_stage_id IS NOT NULL AND h.from_status = 'open'
          AND h.moved_at >= $2::date AND h.moved_at < $3::date AND o.deleted_at IS NULL AND ${visibility.sql}
        GROUP BY h.from_stage_id`,
      params,
    );
    const cycle = `extract(epoch FROM o.closed_at - o.created_at)`;
    const [won]: CycleTimeReport['won'][] = await this.dataSource.query(
      `SELECT count(*)::int AS deals, ${days(`avg(${cycle})`)} AS "averageDays",
              ${days(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${cycle})`)} AS "medianDays"
         FROM opportunities o
        WHERE o.pipeline_id = $1 AND o.status = 'won' AND o.closed_at >= $2::date AND o.closed_at < $3::date
          AND o.deleted_at IS NULL AND ${visibility.sql}`,
      params,
    );
    return { pipelineId, from: start, to: end, stages, won };
  }
}
