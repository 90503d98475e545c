import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import type { OpportunityRow } from '../db/opportunity.entity';
import { opportunitiesById } from '../db/opportunity-rows';
import type { StageMovePlan } from '../domain/stage-move';
import { recordEvent } from '../events/sales-events';
import { opportunityMessage } from './opportunity-message';

/** Why a history row was written: an ordinary move has none; 'pipeline edit' and a reopen reason are recorded. */
export type MoveReason = string | null;

/**
 * Writes a planned stage move of a locked deal: the row, its history entry (seconds in the stage it left) and the
 * events (stage_changed always; won, lost or reopened when the status changes). Returns the deal as it now is.
 */
export async function applyStageMove(
  tx: EntityManager,
  deal: OpportunityRow,
  plan: StageMovePlan,
  actor: Actor,
  reason: MoveReason,
): Promise<OpportunityRow> {
  const { history } = plan;
  await tx.query(
    `UPDATE opportunities SET stage_id = $2, status = $3, probability = $4, probability_overridden = $5,
       loss_reason = $6, closed_at = $7, stage_entered_at = $8, updated_by = $9, updated_at = $8, version = version + 1
     WHERE id = $1`,
    [
      deal.id,
      plan.stageId,
      plan.status,
      plan.probability,
      plan.probabilityOverridden,
      plan.lossReason,
      plan.closedAt,
      history.movedAt,
      actor.id,
    ],
  );
  await tx.query(
    `INSERT INTO opportunity_stage_history (id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, from_status,
       to_status, moved_by, moved_at, seconds_in_previous, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      randomUUID(),
      deal.id,
      deal.pipelineId,
      history.fromStageId,
      history.toStageId,
      history.fromStatus,
      history.toStatus,
      history.movedBy,
      history.movedAt,
      history.secondsInPreviousStage,
      history.reopenReason ?? reason,
    ],
  );
  const moved = (await opportunitiesById(tx, [deal.id])).get(deal.id)!;
  const aggregate = { type: 'opportunity' as const, id: deal.id, version: moved.version };
  await recordEvent(tx, 'opportunityStageChanged', actor, aggregate, {
    opportunityId: deal.id,
    pipelineId: deal.pipelineId,
    previousStageId: history.fromStageId ?? '',
    stageId: history.toStageId,
    secondsInPreviousStage: String(history.secondsInPreviousStage),
  });
  if (history.fromStatus !== history.toStatus) {
    const opportunity = opportunityMessage(moved);
    if (plan.status === 'won') await recordEvent(tx, 'opportunityWon', actor, aggregate, { opportunity });
    if (plan.status === 'lost') {
      await recordEvent(tx, 'opportunityLost', actor, aggregate, { opportunity, lossReason: plan.lossReason ?? '' });
    }
    if (plan.status === 'open') {
      await recordEvent(tx, 'opportunityReopened', actor, aggregate, {
        opportunity,
        previousStatus: history.fromStatus,
        reason: history.reopenReason ?? '',
      });
    }
  }
  return moved;
}
