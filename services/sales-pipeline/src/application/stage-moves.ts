import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError, requireExpectedVersion } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunitiesById } from '../db/opportunity-rows';
import type { StageRow } from '../db/pipeline.entity';
import { entryCriteriaFields, type EntryCriteriaField } from '../domain/pipeline-definition';
import { planReopen, planStageMove, type MovableDeal, type MoveStage, type StageMovePlan } from '../domain/stage-move';
import { has, managesTeam } from '../policy/deal-access';
import { entryFieldValues, readDealFields, writeDealFields, type DealFieldsInput } from './deal-fields';
import { applyStageMove } from './deal-stage-writes';
import type { OpportunityService } from './opportunity-service';
import type { PipelineService } from './pipeline-service';

export interface StageMoveInput {
  id: string;
  stageId: string;
  /** The version the caller saw; a deal changed meanwhile is a CONFLICT. */
  expectedVersion?: number | null;
  /** Fields filled in the same step (the portal asks for the missing ones and sends them here). */
  fields?: DealFieldsInput | null;
  /** Required to enter the lost stage. */
  lossReason?: string | null;
}

export interface ReopenInput {
  id: string;
  stageId: string;
  reason: string;
}

/** A stage as the move rules see it: only the entry criteria the rules know. */
function moveStage(stage: StageRow): MoveStage {
  return {
    id: stage.id,
    name: stage.name,
    kind: stage.kind,
    probability: stage.probability,
    entryCriteria: stage.entryCriteria.filter((f): f is EntryCriteriaField =>
      (entryCriteriaFields as readonly string[]).includes(f),
    ),
  };
}

/**
 * The domain's entry-criteria refusal as the API reports it: one violation per missing field at ['input', field], and
 * `missingFields` listing them, so the portal can ask for exactly those.
 */
function asApiRefusal(error: unknown): unknown {
  if (!(error instanceof InputError)) return error;
  const missing = error.violations.filter((v) => v.rule === 'entry_criteria').map((v) => String(v.path[0]));
  return new InputError(
    error.violations.map((v) => ({ ...v, path: ['input', ...v.path] })),
    missing.length ? { missingFields: missing } : {},
  );
}

/** Deals moving through their pipeline: entry criteria, won and lost as terminal states, reopening. */
export class StageMoves {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
    private readonly opportunities: OpportunityService,
  ) {}

  async move(input: StageMoveInput, actor: Actor): Promise<OpportunityRow> {
    const fieldValues = input.fields ? readDealFields(input.fields, ['input', 'fields']) : null;
    return this.dataSource.transaction(async (tx) => {
      const { deal, stages, fromStage } = await this.lockDeal(tx, input.id, input.expectedVersion, actor);
      const toStage = stages.find((s) => s.id === input.stageId);
      if (!toStage)
        throw InputError.single(['input', 'stageId'], 'stage', 'is not a live stage of the deal’s pipeline');
      let current = deal;
      const fieldChanges = fieldValues
        ? await writeDealFields(tx, deal, fieldValues, actor, fromStage.probability, ['input', 'fields'])
        : [];
      if (fieldChanges.length) current = (await opportunitiesById(tx, [deal.id])).get(deal.id)!;
      const movable = await this.movable(tx, current);
      let plan: StageMovePlan;
      try {
        plan = planStageMove(movable, moveStage(fromStage), moveStage(toStage), {
          actorId: actor.id,
          now: new Date(),
          lossReason: input.lossReason,
        });
      } catch (error) {
        throw asApiRefusal(error);
      }
      const moved = await applyStageMove(tx, current, plan, actor, null);
      await audit(
        tx,
        actor,
        'opportunity.stage_changed',
        { type: 'opportunity', id: deal.id },
        [...fieldChanges, ...moveChanges(current, moved)],
        { fromStage: fromStage.name, toStage: toStage.name },
      );
      return moved;
    });
  }

  /** A won or lost deal back into an open stage: the owner's managers and crm-admin, with a reason, audited. */
  async reopen(input: ReopenInput, actor: Actor): Promise<OpportunityRow> {
    return this.dataSource.transaction(async (tx) => {
      const { deal, stages } = await this.lockDeal(tx, input.id, null, actor);
      if (!has(actor, Roles.admin) && !managesTeam(actor, deal.teamId)) {
        throw new NotAllowedError('only the owner’s managers and crm-admin reopen a closed deal', {
          opportunityId: deal.id,
        });
      }
      const toStage = stages.find((s) => s.id === input.stageId);
      if (!toStage)
        throw InputError.single(['input', 'stageId'], 'stage', 'is not a live stage of the deal’s pipeline');
      let plan: StageMovePlan;
      try {
        plan = planReopen(await this.movable(tx, deal), moveStage(toStage), input.reason, {
          actorId: actor.id,
          now: new Date(),
        });
      } catch (error) {
        throw asApiRefusal(error);
      }
      const reopened = await applyStageMove(tx, deal, plan, actor, null);
      await audit(
        tx,
        actor,
        'opportunity.reopened',
        { type: 'opportunity', id: deal.id },
        moveChanges(deal, reopened),
        { reason: plan.history.reopenReason, previousStatus: deal.status, toStage: toStage.name },
      );
      return reopened;
    });
  }

  /**
   * Locks in the order pipeline edits use (pipeline row, then the deal), so a move waits for a running edit and then
   * sees its stages; checks that the actor may edit the deal and that its version is the one they saw.
   */
  private async lockDeal(
    tx: EntityManager,
    id: string,
    expectedVersion: number | null | undefined,
    actor: Actor,
  ): Promise<{ deal: OpportunityRow; stages: StageRow[]; fromStage: StageRow }> {
    if (!isUuid(id)) throw InputError.single(['input', 'id'], 'uuid', 'must be a UUID');
    const unlocked = (await opportunitiesById(tx, [id])).get(id);
    if (!unlocked) throw new NotFoundError('opportunity', id);
    await tx.query(`SELECT 1 FROM pipelines WHERE id = $1 FOR SHARE`, [unlocked.pipelineId]);
    const deal = await this.opportunities.lockForEdit(tx, id, actor);
    requireExpectedVersion('opportunity', deal, expectedVersion);
    const stages = await this.pipelines.liveStages(tx, deal.pipelineId);
    const [fromStage]: StageRow[] = await tx.query(
      `SELECT id, name, kind, probability::text AS probability, entry_criteria AS "entryCriteria"
         FROM pipeline_stages WHERE id = $1`,
      [deal.stageId],
    );
    return { deal, stages, fromStage };
  }

  private async movable(tx: EntityManager, deal: OpportunityRow): Promise<MovableDeal> {
    return {
      status: deal.status,
      stageId: deal.stageId,
      probability: deal.probability,
      probabilityOverridden: deal.probabilityOverridden,
      enteredStageAt: deal.stageEnteredAt,
      fields: await entryFieldValues(tx, deal),
    };
  }
}

function moveChanges(before: OpportunityRow, after: OpportunityRow) {
  return changesOf(
    (['stageId', 'status', 'probability', 'lossReason'] as const)
      .filter((field) => before[field] !== after[field])
      .map((field) => ({ field, before: before[field], after: after[field] })),
  );
}
