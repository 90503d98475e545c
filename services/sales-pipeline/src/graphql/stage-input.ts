import type { StageInput as StageValues } from '../application/pipeline-service';
import type { EditedStageInput, StageInput } from './generated/resolver-types';

/** A stage as the GraphQL input sends it (defaults filled in), for createPipeline and updatePipeline. */
export function stageValues(s: StageInput | EditedStageInput): StageValues {
  return {
    name: s.name,
    kind: s.kind,
    probability: s.probability,
    forecastCategory: s.forecastCategory,
    entryCriteria: s.entryCriteria ?? [],
    idleDays: s.idleDays ?? null,
  };
}
