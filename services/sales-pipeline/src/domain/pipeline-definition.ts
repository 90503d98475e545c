// A pipeline as admins edit it: ordered open stages, then one won and one lost stage, each with its forecast defaults.
// Removing stages is planned by stage-remap.ts so that no deal is stranded.
import { decimalText, parseDecimal } from './exact-decimal';
import { parseCurrency } from './money';
import { ViolationCollector, type FieldPath } from './rule-errors';

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

export const forecastCategories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

/** Deal fields a stage may require before a deal enters it (the portal asks for exactly the missing ones). */
export const entryCriteriaFields = [
  'amount',
  'expectedCloseDate',
  'nextStep',
  'contactRoles',
  'lineItems',
  'competitors',
  'primaryContact',
  'description',
] as const;
export type EntryCriteriaField = (typeof entryCriteriaFields)[number];

export interface StageDefinition {
  /** Null for a stage the edit adds. */
  id: string | null;
  name: string;
  kind: StageKind;
  /** Default probability of deals in the stage, decimal text 0..100. */
  probability: string;
  forecastCategory: ForecastCategory;
  entryCriteria: EntryCriteriaField[];
  /** A deal untouched this many days is idle; null: never. */
  idleDays: number | null;
}

export interface PipelineDefinition {
  name: string;
  businessLine: string;
  /** Default currency of new deals, null: the company currency. */
  currency: string | null;
  stages: StageDefinition[];
}

export const maxStages = 30;
export const maxIdleDays = 3650;
/** Lengths the pipelines and pipeline_stages tables accept. */
export const maxPipelineNameLength = 120;
export const maxStageNameLength = 80;

/** Names compare without case and extra spaces: 'Proposal  Sent' and 'proposal sent' are the same stage. */
export function stageNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function readName(input: unknown, path: FieldPath, maxLength: number, check: ViolationCollector): string {
  const name = typeof input === 'string' ? input.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (!name) check.add(path, 'required', 'is required');
  else if ([...name].length > maxLength) check.add(path, 'max_length', `at most ${maxLength} characters`);
  return name;
}

function readEnum<T extends string>(input: unknown, path: FieldPath, allowed: readonly T[], check: ViolationCollector) {
  const found = allowed.find((option) => option === input);
  if (found === undefined) check.add(path, 'enum', `must be one of ${allowed.join(', ')}`);
  return found ?? allowed[0];
}

function readEntryCriteria(input: unknown, path: FieldPath, check: ViolationCollector): EntryCriteriaField[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) {
    check.add(path, 'type', 'must be a list of field names');
    return [];
  }
  const fields: EntryCriteriaField[] = [];
  input.forEach((raw: unknown, index) => {
    const field = entryCriteriaFields.find((known) => known === raw);
    if (field === undefined) {
      check.add([...path, index], 'enum', `must be one of ${entryCriteriaFields.join(', ')}`);
    } else if (!fields.includes(field)) {
      fields.push(field);
    }
  });
  return fields;
}

function readIdleDays(input: unknown, path: FieldPath, check: ViolationCollector): number | null {
  if (input === undefined || input === null) return null;
  if (typeof input !== 'number' || !Number.isInteger(input) || input < 1 || input > maxIdleDays) {
    check.add(path, 'idle_days', `must be a whole number of days from 1 to ${maxIdleDays}, or null`);
    return null;
  }
  return input;
}

function readStage(input: unknown, path: FieldPath, check: ViolationCollector): StageDefinition {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const id = typeof raw.id === 'string' && raw.id.trim() ? raw.id.trim() : null;
  const probabilityBounds = { maxFractionDigits: 2, min: '0', max: '100' };
  const probability = check.read(
    () => decimalText(parseDecimal(raw.probability, [...path, 'probability'], probabilityBounds)),
    '0',
  );
  return {
    id,
    name: readName(raw.name, [...path, 'name'], maxStageNameLength, check),
    kind: readEnum(raw.kind, [...path, 'kind'], stageKinds, check),
    probability,
    forecastCategory: readEnum(raw.forecastCategory, [...path, 'forecastCategory'], forecastCategories, check),
    entryCriteria: readEntryCriteria(raw.entryCriteria, [...path, 'entryCriteria'], check),
    idleDays: readIdleDays(raw.idleDays, [...path, 'idleDays'], check),
  };
}

/** What won and lost stages must carry, so that forecasts count them right. */
const closedStageRules: Record<Exclude<StageKind, 'open'>, { probability: string; category: ForecastCategory }> = {
  won: { probability: '100', category: 'closed' },
  lost: { probability: '0', category: 'omitted' },
};

function checkStageRules(stages: StageDefinition[], check: ViolationCollector): void {
  const names = new Map<string, number>();
  const ids = new Set<string>();
  let closedSeen = false;
  stages.forEach((stage, index) => {
    const path = ['stages', index];
    const key = stageNameKey(stage.name);
    if (key && names.has(key)) check.add([...path, 'name'], 'unique', `repeats the name of stages[${names.get(key)}]`);
    else names.set(key, index);
    if (stage.id !== null && ids.has(stage.id)) check.add([...path, 'id'], 'unique', 'repeats the id of another stage');
    if (stage.id !== null) ids.add(stage.id);
    if (stage.kind === 'open') {
      if (closedSeen) check.add([...path, 'kind'], 'stage_order', 'open stages come before the won and lost stages');
      if (stage.forecastCategory === 'closed') {
        check.add([...path, 'forecastCategory'], 'open_stage', 'an open stage cannot be in the closed category');
      }
      return;
    }
    closedSeen = true;
    const rule = closedStageRules[stage.kind];
    if (stage.probability !== rule.probability) {
      check.add(
        [...path, 'probability'],
        `${stage.kind}_stage`,
        `a ${stage.kind} stage has probability ${rule.probability}`,
      );
    }
    if (stage.forecastCategory !== rule.category) {
      check.add([...path, 'forecastCategory'], `${stage.kind}_stage`, `a ${stage.kind} stage is in ${rule.category}`);
    }
  });
  for (const kind of ['won', 'lost'] as const) {
    const count = stages.filter((stage) => stage.kind === kind).length;
    if (count !== 1) check.add(['stages'], `one_${kind}_stage`, `must hold exactly one ${kind} stage (found ${count})`);
  }
  if (!stages.some((stage) => stage.kind === 'open')) {
    check.add(['stages'], 'open_stage', 'must hold at least one open stage for deals to start in');
  }
}

/** Checks a pipeline as an admin submits it: every bad field at once (`stages[i].field`), then the stage rules. */
export function validatePipeline(input: Record<string, unknown>): PipelineDefinition {
  const check = new ViolationCollector();
  const name = readName(input.name, ['name'], maxPipelineNameLength, check);
  const businessLine = readName(input.businessLine, ['businessLine'], maxPipelineNameLength, check);
  const currency =
    input.currency === undefined || input.currency === null
      ? null
      : check.read(() => parseCurrency(input.currency, ['currency']), null);
  const rawStages = Array.isArray(input.stages) ? input.stages : [];
  if (!Array.isArray(input.stages)) check.add(['stages'], 'type', 'must be a list of stages');
  if (rawStages.length > maxStages) {
    check.add(['stages'], 'max_items', `at most ${maxStages} stages (got ${rawStages.length})`);
    check.throwIfAny();
  }
  const stages = rawStages.map((stage, index) => readStage(stage, ['stages', index], check));
  if (check.violations.length === 0) checkStageRules(stages, check);
  check.throwIfAny();
  return { name, businessLine, currency, stages };
}
