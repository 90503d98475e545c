// Moving a deal between stages: entry criteria, won/lost as terminal states, the probability it carries, the history
// row. Probability rule: a rep's explicit override survives moves between open stages (they know the deal better
// than the stage default); closing sets 100 or 0 and clears it, and a reopened deal takes the stage default again.
import { Exact } from './exact-decimal';
import type { EntryCriteriaField, StageKind } from './pipeline-definition';
import { InputError } from '@crm/platform/errors';
import { preconditionFailed } from './rule-errors';

export type DealStatus = 'open' | 'won' | 'lost';

export interface MoveStage {
  id: string;
  name: string;
  kind: StageKind;
  probability: string;
  entryCriteria: EntryCriteriaField[];
}

/** The deal's current values of the fields stages may require; absent, blank and empty lists count as missing. */
export type DealFieldValues = Partial<Record<EntryCriteriaField, unknown>>;

export interface MovableDeal {
  status: DealStatus;
  stageId: string;
  probability: string;
  /** True when a rep set the probability by hand. */
  probabilityOverridden: boolean;
  /** When the deal entered its current stage. */
  enteredStageAt: Date;
  fields: DealFieldValues;
}

export interface StageHistoryEntry {
  fromStageId: string | null;
  toStageId: string;
  fromStatus: DealStatus;
  toStatus: DealStatus;
  movedBy: string;
  movedAt: Date;
  /** Whole seconds the deal spent in the stage it left. */
  secondsInPreviousStage: number;
  /** Why a closed deal was reopened; null for an ordinary move. */
  reopenReason: string | null;
}

export interface StageMovePlan {
  status: DealStatus;
  stageId: string;
  probability: string;
  probabilityOverridden: boolean;
  lossReason: string | null;
  /** When the deal closed, null while open. */
  closedAt: Date | null;
  history: StageHistoryEntry;
}

const maxReasonLength = 2000;

function isFilled(field: EntryCriteriaField, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  // A deal's amount defaults to 0, so only an amount above 0 shows that someone entered it.
  if (field === 'amount') return isPositiveAmount(value);
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function isPositiveAmount(value: unknown): boolean {
  const amount = typeof value === 'object' && value !== null ? (value as { amount?: unknown }).amount : value;
  return typeof amount === 'string' && /^\d+(?:\.\d+)?$/.test(amount) && new Exact(amount).gt(0);
}

/** Exactly the fields `stage` requires that the deal lacks (a zero amount counts as missing), in the stage's order. */
export function checkEntryCriteria(
  stage: Pick<MoveStage, 'entryCriteria'>,
  fields: DealFieldValues,
): EntryCriteriaField[] {
  return stage.entryCriteria.filter((field) => !isFilled(field, fields[field]));
}

function requireEntryCriteria(stage: MoveStage, fields: DealFieldValues): void {
  const missing = checkEntryCriteria(stage, fields);
  if (missing.length) {
    throw new InputError(
      missing.map((field) => ({
        path: [field],
        rule: 'entry_criteria',
        message: `is required to enter the stage "${stage.name}"`,
      })),
    );
  }
}

function requiredReason(input: string | null | undefined, field: string, why: string): string {
  const reason = input?.trim() ?? '';
  if (!reason) throw InputError.single([field], 'required', why);
  if ([...reason].length > maxReasonLength) {
    throw InputError.single([field], 'max_length', `at most ${maxReasonLength} characters`);
  }
  return reason;
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

export interface MoveRequest {
  actorId: string;
  now: Date;
  /** Required when `toStage` is a lost stage. */
  lossReason?: string | null;
}

/** A move of an open deal; entering the won stage wins it, entering the lost stage loses it (with a reason). */
export function planStageMove(
  deal: MovableDeal,
  fromStage: MoveStage,
  toStage: MoveStage,
  request: MoveRequest,
): StageMovePlan {
  if (deal.status !== 'open') {
    throw preconditionFailed(['stageId'], 'terminal', `the deal is ${deal.status}: reopen it before moving it`);
  }
  if (fromStage.id === toStage.id) {
    throw preconditionFailed(['stageId'], 'same_stage', `the deal is already in "${toStage.name}"`);
  }
  requireEntryCriteria(toStage, deal.fields);
  const lossReason =
    toStage.kind === 'lost'
      ? requiredReason(request.lossReason, 'lossReason', 'a lost deal needs a loss reason')
      : null;
  const keepsOverride = toStage.kind === 'open' && deal.probabilityOverridden;
  const probability =
    toStage.kind === 'won'
      ? '100'
      : toStage.kind === 'lost'
        ? '0'
        : keepsOverride
          ? deal.probability
          : toStage.probability;
  return {
    status: toStage.kind,
    stageId: toStage.id,
    probability,
    probabilityOverridden: keepsOverride,
    lossReason,
    closedAt: toStage.kind === 'open' ? null : request.now,
    history: {
      fromStageId: fromStage.id,
      toStageId: toStage.id,
      fromStatus: deal.status,
      toStatus: toStage.kind,
      movedBy: request.actorId,
      movedAt: request.now,
      secondsInPreviousStage: secondsBetween(deal.enteredStageAt, request.now),
      reopenReason: null,
    },
  };
}

/** Reopens a won or lost deal into an open stage; the reason is required (it goes to the audit log). */
export function planReopen(
  deal: MovableDeal,
  toStage: MoveStage,
  reason: string | null | undefined,
  request: Omit<MoveRequest, 'lossReason'>,
): StageMovePlan {
  if (deal.status === 'open') throw preconditionFailed(['status'], 'not_closed', 'only a won or lost deal is reopened');
  if (toStage.kind !== 'open') {
    throw InputError.single(['stageId'], 'open_stage', 'a reopened deal goes to an open stage');
  }
  const reopenReason = requiredReason(reason, 'reason', 'a reopening needs a reason');
  requireEntryCriteria(toStage, deal.fields);
  return {
    status: 'open',
    stageId: toStage.id,
    probability: toStage.probability,
    probabilityOverridden: false,
    lossReason: null,
    closedAt: null,
    history: {
      fromStageId: deal.stageId,
      toStageId: toStage.id,
      fromStatus: deal.status,
      toStatus: 'open',
      movedBy: request.actorId,
      movedAt: request.now,
      secondsInPreviousStage: secondsBetween(deal.enteredStageAt, request.now),
      reopenReason,
    },
  };
}
