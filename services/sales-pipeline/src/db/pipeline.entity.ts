import { EntitySchema } from 'typeorm';

/** The persistence model of a pipeline (one per business line); its stages are rows of pipeline_stages. */
export interface PipelineRow {
  id: string;
  name: string;
  businessLine: string;
  isDefault: boolean;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  archivedAt: Date | null;
  version: number;
}

export const PipelineEntity = new EntitySchema<PipelineRow>({
  name: 'Pipeline',
  tableName: 'pipelines',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    businessLine: { type: 'text', name: 'business_line' },
    isDefault: { type: 'boolean', name: 'is_default' },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedBy: { type: 'text', name: 'updated_by' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    archivedAt: { type: 'timestamptz', name: 'archived_at', nullable: true },
    version: { type: 'int' },
  },
});

export type StageKind = 'open' | 'won' | 'lost';
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';

/** One stage of a pipeline; a removed stage keeps its row (history points at it) with removed_at set. */
export interface StageRow {
  id: string;
  pipelineId: string;
  position: number;
  name: string;
  kind: StageKind;
  /** Decimal string, percent. */
  probability: string;
  forecastCategory: ForecastCategory;
  /** Field names a deal must have filled before it enters this stage. */
  entryCriteria: string[];
  idleDays: number | null;
  removedAt: Date | null;
}

export const StageEntity = new EntitySchema<StageRow>({
  name: 'Stage',
  tableName: 'pipeline_stages',
  columns: {
    id: { type: 'uuid', primary: true },
    pipelineId: { type: 'uuid', name: 'pipeline_id' },
    position: { type: 'int' },
    name: { type: 'text' },
    kind: { type: 'text' },
    probability: { type: 'numeric' },
    forecastCategory: { type: 'text', name: 'forecast_category' },
    entryCriteria: { type: 'text', array: true, name: 'entry_criteria' },
    idleDays: { type: 'int', name: 'idle_days', nullable: true },
    removedAt: { type: 'timestamptz', name: 'removed_at', nullable: true },
  },
});
