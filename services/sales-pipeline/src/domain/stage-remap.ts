// After a pipeline edit, every deal in a removed stage gets a target stage: never stranded, never silently closed.
import type { StageDefinition, StageKind } from './pipeline-definition';
import { InputError } from '@crm/platform/errors';
import { ViolationCollector } from './rule-errors';

export interface ExistingStage {
  id: string;
  name: string;
  kind: StageKind;
}

export interface StageMove {
  fromStageId: string;
  /** Position of the target in the new stage list (a stage the edit adds has no id yet). */
  toStageIndex: number;
  /** The target's id, null when the edit adds it. */
  toStageId: string | null;
  deals: number;
}

/**
 * The moves a pipeline edit needs. A removed stage that holds deals goes where `explicitMap` (removed id → kept id)
 * says; otherwise an open stage goes to the nearest kept open stage before it in the old order, else to the first open
 * stage of the new list, and won/lost go to the new won/lost stage. A kept stage holding deals keeps its kind.
 */
export function planStageRemap(
  oldStages: ExistingStage[],
  newStages: StageDefinition[],
  dealCountsByStage: Record<string, number>,
  explicitMap: Record<string, string> = {},
): StageMove[] {
  const check = new ViolationCollector();
  const newIndexById = new Map(newStages.flatMap((s, i) => (s.id === null ? [] : [[s.id, i] as const])));
  const oldById = new Map(oldStages.map((s) => [s.id, s]));
  const removed = oldStages.filter((s) => !newIndexById.has(s.id));

  newStages.forEach((stage, index) => {
    const before = stage.id === null ? undefined : oldById.get(stage.id);
    if (before && before.kind !== stage.kind && (dealCountsByStage[before.id] ?? 0) > 0) {
      check.add(
        ['stages', index, 'kind'],
        'kind_change',
        `"${before.name}" holds deals: its kind stays ${before.kind}`,
      );
    }
  });
  for (const [from, to] of Object.entries(explicitMap)) {
    const source = oldById.get(from);
    const targetIndex = newIndexById.get(to);
    if (!source || newIndexById.has(from)) {
      check.add(['stageMap', from], 'not_removed', 'only a stage the edit removes can be mapped');
    } else if (targetIndex === undefined) {
      check.add(['stageMap', from], 'removed_target', 'the target stage is removed too (or unknown)');
    } else if (newStages[targetIndex].kind !== source.kind) {
      check.add(['stageMap', from], 'kind', `a ${source.kind} stage maps only to a ${source.kind} stage`);
    }
  }
  check.throwIfAny();

  return removed
    .filter((stage) => (dealCountsByStage[stage.id] ?? 0) > 0)
    .map((stage) => {
      const toStageIndex = explicitMap[stage.id]
        ? (newIndexById.get(explicitMap[stage.id]) as number)
        : defaultTarget(stage, oldStages, newStages, newIndexById);
      return {
        fromStageId: stage.id,
        toStageIndex,
        toStageId: newStages[toStageIndex].id,
        deals: dealCountsByStage[stage.id],
      };
    });
}

function defaultTarget(
  stage: ExistingStage,
  oldStages: ExistingStage[],
  newStages: StageDefinition[],
  newIndexById: Map<string, number>,
): number {
  if (stage.kind !== 'open') {
    const closed = newStages.findIndex((s) => s.kind === stage.kind);
    if (closed < 0) throw InputError.single(['stages'], `one_${stage.kind}_stage`, `must keep a ${stage.kind} stage`);
    return closed;
  }
  const position = oldStages.indexOf(stage);
  for (let i = position - 1; i >= 0; i -= 1) {
    const kept = newIndexById.get(oldStages[i].id);
    if (kept !== undefined && newStages[kept].kind === 'open') return kept;
  }
  const firstOpen = newStages.findIndex((s) => s.kind === 'open');
  if (firstOpen < 0) throw InputError.single(['stages'], 'open_stage', 'must keep an open stage for the open deals');
  return firstOpen;
}
