import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError, requireExpectedVersion, underInput } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { OpportunityRow } from '../db/opportunity.entity';
import type { PipelineRow, StageRow } from '../db/pipeline.entity';
import { opportunityColumns } from '../db/opportunity-rows';
import { validatePipeline, type StageDefinition } from '../domain/pipeline-definition';
import { planStageRemap } from '../domain/stage-remap';
import { preconditionFailed } from '../domain/rule-errors';
import { canAdministerPipelines } from '../policy/deal-access';
import { applyStageMove } from './deal-stage-writes';
import type { PipelineService, StageInput } from './pipeline-service';

export interface PipelineUpdate {
  id: string;
  name: string;
  businessLine: string;
  isDefault: boolean;
  /** The whole new stage list: with an id a kept stage, without one a new stage; a live stage left out is removed. */
  stages: (StageInput & { id?: string | null })[];
  /** Where the deals of a removed stage go; the rest go where domain/stage-remap.ts says. */
  remap: { fromStageId: string; toStageId: string }[];
  expectedVersion: number;
}

/** Moved by a pipeline edit: the reason its history rows carry. */
export const PIPELINE_EDIT_REASON = 'pipeline edit';

/**
 * crm-admin edits a live pipeline without a deploy. Lock order, shared with stage moves: the pipeline row, then its
 * deals by id; so a deal move waits for the edit and then sees the new stages.
 */
export class PipelineEditor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
  ) {}

  async update(input: PipelineUpdate, actor: Actor): Promise<PipelineRow> {
    if (!canAdministerPipelines(actor)) throw new NotAllowedError('only crm-admin configures pipelines');
    const definition = underInput(() =>
      validatePipeline({ name: input.name, businessLine: input.businessLine, stages: input.stages }),
    );
    const explicitMap = Object.fromEntries(input.remap.map((r) => [r.fromStageId, r.toStageId]));
    return this.dataSource.transaction(async (tx) => {
      const before = await this.lockPipeline(tx, input.id, input.expectedVersion);
      const oldStages = await this.pipelines.liveStages(tx, before.id);
      const oldIds = new Set(oldStages.map((s) => s.id));
      definition.stages.forEach((stage, index) => {
        if (stage.id !== null && !oldIds.has(stage.id)) {
          throw InputError.single(['input', 'stages', index, 'id'], 'stage', 'is not a live stage of this pipeline');
        }
      });
      const counts: { stage_id: string; deals: number }[] = await tx.query(
        `SELECT stage_id, count(*)::int AS deals FROM opportunities
          WHERE pipeline_id = $1 AND deleted_at IS NULL GROUP BY stage_id`,
        [before.id],
      );
      const moves = underInput(
        () =>
          planStageRemap(
            oldStages,
            definition.stages,
            Object.fromEntries(counts.map((c) => [c.stage_id, c.deals])),
            explicitMap,
          ),
        { stageMap: 'remap' },
      );
      await this.pipelines.requireUniqueName(tx, definition.name, before.id);
      const now = new Date();
      if (input.isDefault)
        await tx.query(`UPDATE pipelines SET is_default = false WHERE is_default AND id <> $1`, [before.id]);
      await tx.query(
        `UPDATE pipelines SET name = $2, business_line = $3, is_default = $4, updated_by = $5, updated_at = $6,
           version = version + 1 WHERE id = $1`,
        [before.id, definition.name, definition.businessLine, input.isDefault, actor.id, now],
      );
      const newIds = await this.saveStages(tx, before.id, oldStages, definition.stages, now);
      const stages = await this.pipelines.liveStages(tx, before.id);
      const byId = new Map(stages.map((s) => [s.id, s]));
      let moved = 0;
      for (const move of moves) {
        moved += await this.moveDeals(tx, move.fromStageId, byId.get(newIds[move.toStageIndex])!, actor, now);
      }
      const after = await this.pipelines.require(tx, before.id);
      await audit(
        tx,
        actor,
        'pipeline.updated',
        { type: 'pipeline', id: before.id },
        changesOf([
          { field: 'name', before: before.name, after: after.name },
          { field: 'businessLine', before: before.businessLine, after: after.businessLine },
          { field: 'isDefault', before: before.isDefault, after: after.isDefault },
          { field: 'stages', before: oldStages.map(stageSummary), after: stages.map(stageSummary) },
        ]).filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)),
        {
          remapped: moves.map((m) => ({
            fromStageId: m.fromStageId,
            toStageId: newIds[m.toStageIndex],
            deals: m.deals,
          })),
          dealsMoved: moved,
        },
      );
      return after;
    });
  }

  /** Archives a pipeline that holds no open deal (they would be stranded); its closed deals keep pointing at it. */
  async archive(id: string, expectedVersion: number | null | undefined, actor: Actor): Promise<PipelineRow> {
    if (!canAdministerPipelines(actor)) throw new NotAllowedError('only crm-admin configures pipelines');
    return this.dataSource.transaction(async (tx) => {
      const before = await this.lockPipeline(tx, id, expectedVersion);
      const [{ open }]: { open: number }[] = await tx.query(
        `SELECT count(*)::int AS open FROM opportunities WHERE pipeline_id = $1 AND status = 'open' AND deleted_at IS NULL`,
        [id],
      );
      if (open > 0) {
        throw preconditionFailed(
          ['id'],
          'open_deals',
          `${open} open deal${open === 1 ? '' : 's'} remain in "${before.name}": move or close them first`,
        );
      }
      const now = new Date();
      await tx.query(
        `UPDATE pipelines SET archived_at = $2, is_default = false, updated_by = $3, updated_at = $2,
           version = version + 1 WHERE id = $1`,
        [id, now, actor.id],
      );
      await audit(
        tx,
        actor,
        'pipeline.archived',
        { type: 'pipeline', id },
        changesOf([{ field: 'archivedAt', before: null, after: now.toISOString() }]),
        { name: before.name },
      );
      return {
        ...before,
        archivedAt: now,
        isDefault: false,
        updatedBy: actor.id,
        updatedAt: now,
        version: before.version + 1,
      };
    });
  }

  private async lockPipeline(
    tx: EntityManager,
    id: string,
    expectedVersion: number | null | undefined,
  ): Promise<PipelineRow> {
    if (!isUuid(id)) throw InputError.single(['input', 'id'], 'uuid', 'must be a UUID');
    const [locked] = await tx.query(`SELECT id FROM pipelines WHERE id = $1 AND archived_at IS NULL FOR UPDATE`, [id]);
    if (!locked) throw new NotFoundError('pipeline', id);
    const row = await this.pipelines.require(tx, id);
    requireExpectedVersion('pipeline', row, expectedVersion);
    return row;
  }

  /** Kept stages updated in place, new ones inserted, left-out ones marked removed; returns the id at each position. */
  private async saveStages(
    tx: EntityManager,
    pipelineId: string,
    oldStages: StageRow[],
    stages: StageDefinition[],
    now: Date,
  ): Promise<string[]> {
    const kept = new Set(stages.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = oldStages.filter((s) => !kept.has(s.id)).map((s) => s.id);
    if (removed.length) {
      await tx.query(`UPDATE pipeline_stages SET removed_at = $2 WHERE id = ANY($1::uuid[])`, [removed, now]);
    }
    const ids: string[] = [];
    for (const [position, stage] of stages.entries()) {
      if (stage.id === null) {
        const [id] = await this.pipelines.insertStages(tx, pipelineId, [stage], [position]);
        ids.push(id);
        continue;
      }
      await tx.query(
        `UPDATE pipeline_stages SET position = $2, name = $3, kind = $4, probability = $5, forecast_category = $6,
           entry_criteria = $7, idle_days = $8 WHERE id = $1`,
        [
          stage.id,
          position,
          stage.name,
          stage.kind,
          stage.probability,
          stage.forecastCategory,
          stage.entryCriteria,
          stage.idleDays,
        ],
      );
      ids.push(stage.id);
    }
    return ids;
  }

  /** Moves every deal of a removed stage (locked in id order) to `target`, each with its history row and event. */
  private async moveDeals(
    tx: EntityManager,
    fromStageId: string,
    target: StageRow,
    actor: Actor,
    now: Date,
  ): Promise<number> {
    const deals: OpportunityRow[] = await tx.query(
      `SELECT ${opportunityColumns()} FROM opportunities o
        WHERE o.stage_id = $1 AND o.deleted_at IS NULL ORDER BY o.id FOR UPDATE`,
      [fromStageId],
    );
    for (const deal of deals) {
      // Won and lost deals stay closed (the remap sends them to the new won/lost stage); an override survives.
      const probability = deal.status !== 'open' || deal.probabilityOverridden ? deal.probability : target.probability;
      await applyStageMove(
        tx,
        deal,
        {
          status: deal.status,
          stageId: target.id,
          probability,
          probabilityOverridden: deal.probabilityOverridden,
          lossReason: deal.lossReason,
          closedAt: deal.closedAt,
          history: {
            fromStageId,
            toStageId: target.id,
            fromStatus: deal.status,
            toStatus: deal.status,
            movedBy: actor.id,
            movedAt: now,
            secondsInPreviousStage: Math.max(0, Math.floor((now.getTime() - deal.stageEnteredAt.getTime()) / 1000)),
            reopenReason: null,
          },
        },
        actor,
        PIPELINE_EDIT_REASON,
      );
    }
    return deals.length;
  }
}

function stageSummary(stage: Pick<StageRow, 'id' | 'name' | 'kind'>): string {
  return `${stage.name} (${stage.kind}, ${stage.id})`;
}
