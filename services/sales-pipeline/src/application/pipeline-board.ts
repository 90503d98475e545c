import type { DataSource } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { decodeCursor, pageSize, toPages, type Page } from '@crm/platform/pagination';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunityColumns } from '../db/opportunity-rows';
import type { PipelineRow, StageRow } from '../db/pipeline.entity';
import { Exact, decimalText } from '../domain/exact-decimal';
import { convertExact, rateOn, type AppliedRate, type ExchangeRate } from '../domain/exchange-rates';
import { money, roundMoney, type Money } from '../domain/money';
import { dealVisibilitySql } from '../policy/visibility-sql';
import type { PipelineService } from './pipeline-service';

export interface BoardFilter {
  ownerId?: string | null;
  teamId?: string | null;
}

export interface BoardColumn {
  stage: StageRow;
  deals: Page<OpportunityRow>;
  /** Open deals in the column the caller may see (with the filter). */
  count: number;
  /** Their amounts in the company currency; null when a currency in the column has no rate (see missingRates). */
  total: Money | null;
  missingRates: string[];
}

export interface PipelineBoard {
  pipeline: PipelineRow;
  companyCurrency: string;
  /** The date whose rates converted the totals (today, UTC). */
  ratesAsOf: string;
  ratesUsed: AppliedRate[];
  columns: BoardColumn[];
}

/**
 * The kanban view of a pipeline: per open stage one page of the visible open deals, most recently changed first, and
 * the column's count and total in the company currency. A bounded number of statements whatever the stages and deals:
 * the stages, one LATERAL query for every column's page, one for the totals grouped by stage and currency, and one
 * for the rates those currencies need.
 */
export class PipelineBoards {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
    private readonly companyCurrency: string,
  ) {}

  async board(
    pipelineId: string,
    filter: BoardFilter,
    perColumn: number | null | undefined,
    actor: Actor,
  ): Promise<PipelineBoard> {
    if (!isUuid(pipelineId)) throw InputError.single(['pipelineId'], 'uuid', 'must be a UUID');
    const [pipeline] = await this.pipelines.batchGet([pipelineId]);
    if (!pipeline || pipeline.archivedAt) throw new NotFoundError('pipeline', pipelineId);
    const stages = (await this.pipelines.stagesOf([pipelineId])).get(pipelineId)!.filter((s) => s.kind === 'open');
    const stageIds = stages.map((s) => s.id);
    const [pages, totals] = await Promise.all([
      this.pages(pipelineId, stageIds, filter, perColumn, null, actor, 'perColumn'),
      this.totals(pipelineId, filter, actor),
    ]);
    const ratesAsOf = new Date().toISOString().slice(0, 10);
    const rates = await this.rates(
      [...new Set(totals.map((t) => t.currency))].filter((c) => c !== this.companyCurrency),
      ratesAsOf,
    );
    const used = new Map<string, AppliedRate>();
    const columns = stages.map((stage) => {
      const rows = totals.filter((t) => t.stageId === stage.id);
      let sum = new Exact(0);
      const missingRates: string[] = [];
      for (const row of rows) {
        try {
          const applied = rateOn(rates, row.currency, this.companyCurrency, ratesAsOf);
          if (row.currency !== this.companyCurrency) used.set(row.currency, applied);
          sum = sum.plus(convertExact({ amount: row.amount, currency: row.currency }, applied));
        } catch {
          missingRates.push(row.currency);
        }
      }
      return {
        stage,
        deals: pages.get(stage.id)!,
        count: rows.reduce((n, r) => n + r.deals, 0),
        total: missingRates.length ? null : roundMoney(money(sum, this.companyCurrency)),
        missingRates: missingRates.sort(),
      };
    });
    return {
      pipeline,
      companyCurrency: this.companyCurrency,
      ratesAsOf,
      ratesUsed: [...used.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
      columns,
    };
  }

  /** The next page of one column (its cursor from the board or the previous page). */
  async stageDeals(
    stageId: string,
    filter: BoardFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<Page<OpportunityRow>> {
    if (!isUuid(stageId)) throw InputError.single(['stageId'], 'uuid', 'must be a UUID');
    const [stage] = await this.pipelines.batchGetStages([stageId]);
    if (!stage || stage.removedAt) throw new NotFoundError('stage', stageId);
    return (await this.pages(stage.pipelineId, [stageId], filter, first, after ?? null, actor)).get(stageId)!;
  }

  private conditions(filter: BoardFilter, actor: Actor, params: unknown[]): string {
    const visibility = dealVisibilitySql(actor, 'o', params.length + 1);
    params.push(...visibility.params);
    const where = [visibility.sql];
    if (filter.ownerId) {
      if (!isUuid(filter.ownerId)) throw InputError.single(['filter', 'ownerId'], 'uuid', 'must be a UUID');
      params.push(filter.ownerId);
      where.push(`o.owner_id = $${params.length}::uuid`);
    }
    if (filter.teamId) {
      params.push(filter.teamId);
      where.push(`o.team_id = $${params.length}`);
    }
    return where.join(' AND ');
  }

  private async pages(
    pipelineId: string,
    stageIds: string[],
    filter: BoardFilter,
    first: number | null | undefined,
    after: string | null,
    actor: Actor,
    sizeField = 'first',
  ): Promise<Map<string, Page<OpportunityRow>>> {
    const limit = pageSize(first, sizeField);
    const params: unknown[] = [stageIds, pipelineId];
    const where = this.conditions(filter, actor, params);
    let cursor = '';
    if (after) {
      const [updatedAt, id] = decodeCursor(after, 2);
      params.push(updatedAt, id);
      cursor = `AND (o.updated_at, o.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows: OpportunityRow[] = stageIds.length
      ? await this.dataSource.query(
          `SELECT page.* FROM unnest($1::uuid[]) AS col(id) CROSS JOIN LATERAL (
             SELECT ${opportunityColumns()} FROM opportunities o
              WHERE o.pipeline_id = $2 AND o.stage_id = col.id AND o.status = 'open' AND o.deleted_at IS NULL
                AND ${where} ${cursor}
              ORDER BY o.updated_at DESC, o.id DESC LIMIT ${limit + 1}) AS page`,
          params,
        )
      : [];
    return toPages(
      stageIds,
      rows,
      (r) => r.stageId,
      limit,
      (r) => [r.updatedAt.toISOString(), r.id],
    );
  }

  private async totals(
    pipelineId: string,
    filter: BoardFilter,
    actor: Actor,
  ): Promise<{ stageId: string; currency: string; deals: number; amount: string }[]> {
    const params: unknown[] = [pipelineId];
    const where = this.conditions(filter, actor, params);
    return this.dataSource.query(
      `SELECT o.stage_id AS "stageId", o.currency, count(*)::int AS deals, sum(o.amount)::text AS amount
         FROM opportunities o
        WHERE o.pipeline_id = $1 AND o.status = 'open' AND o.deleted_at IS NULL AND ${where}
        GROUP BY o.stage_id, o.currency`,
      params,
    );
  }

  /** The latest rate of each currency effective on `date` (one statement). */
  private async rates(currencies: string[], date: string): Promise<ExchangeRate[]> {
    if (!currencies.length) return [];
    const rows: ExchangeRate[] = await this.dataSource.query(
      `SELECT DISTINCT ON (currency) currency, company_currency AS "companyCurrency", rate::text AS rate,
              to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn"
         FROM exchange_rates
        WHERE company_currency = $1 AND currency = ANY($2::text[]) AND effective_on <= $3::date
        ORDER BY currency, effective_on DESC`,
      [this.companyCurrency, currencies, date],
    );
    return rows.map((r) => ({ ...r, rate: decimalText(new Exact(r.rate)) }));
  }
}
