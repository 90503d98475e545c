import { brokenRules } from './caught-rule-error';
import type { StageDefinition, StageKind } from './pipeline-definition';
import { planStageRemap, type ExistingStage } from './stage-remap';

const stage = (id: string | null, kind: StageKind = 'open'): StageDefinition => ({
  id,
  name: id ?? 'new',
  kind,
  probability: kind === 'won' ? '100' : kind === 'lost' ? '0' : '50',
  forecastCategory: kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline',
  entryCriteria: [],
  idleDays: null,
});
const existing = (id: string, kind: StageKind = 'open'): ExistingStage => ({ id, name: id, kind });

// Old pipeline: a b c d (open), won, lost
const old = [
  existing('a'),
  existing('b'),
  existing('c'),
  existing('d'),
  existing('won', 'won'),
  existing('lost', 'lost'),
];

describe('stage remap after a pipeline edit', () => {
  it('moves deals of a removed open stage to the nearest kept open stage before it', () => {
    // c removed: b is the nearest kept stage before it (index 1 of the new list)
    const next = [stage('a'), stage('b'), stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    expect(planStageRemap(old, next, { c: 4, d: 2 })).toEqual([
      { fromStageId: 'c', toStageIndex: 1, toStageId: 'b', deals: 4 },
    ]);
  });

  it('skips removed neighbours: b and c removed, deals of c go to a', () => {
    const next = [stage('a'), stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    expect(planStageRemap(old, next, { b: 1, c: 3 })).toEqual([
      { fromStageId: 'b', toStageIndex: 0, toStageId: 'a', deals: 1 },
      { fromStageId: 'c', toStageIndex: 0, toStageId: 'a', deals: 3 },
    ]);
  });

  it('sends deals of a removed first stage to the first open stage of the new list, even a new one', () => {
    const next = [stage(null), stage('b'), stage('c'), stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    expect(planStageRemap(old, next, { a: 7 })).toEqual([
      { fromStageId: 'a', toStageIndex: 0, toStageId: null, deals: 7 },
    ]);
  });

  it('sends won deals to the new won stage and lost to the new lost stage', () => {
    const next = [stage('a'), stage('b'), stage('c'), stage('d'), stage('lost2', 'lost'), stage(null, 'won')];
    expect(planStageRemap(old, next, { won: 10, lost: 5 })).toEqual([
      { fromStageId: 'won', toStageIndex: 5, toStageId: null, deals: 10 },
      { fromStageId: 'lost', toStageIndex: 4, toStageId: 'lost2', deals: 5 },
    ]);
  });

  it('follows an explicit map first', () => {
    const next = [stage('a'), stage('b'), stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    expect(planStageRemap(old, next, { c: 4 }, { c: 'd' })).toEqual([
      { fromStageId: 'c', toStageIndex: 2, toStageId: 'd', deals: 4 },
    ]);
  });

  it('plans nothing for removed stages without deals', () => {
    const next = [stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    expect(planStageRemap(old, next, { d: 3, a: 0 })).toEqual([]);
  });

  it.each([
    ['a removed target', { c: 'b' }, 'removed_target'],
    ['an unknown target', { c: 'zz' }, 'removed_target'],
    ['a target of another kind', { c: 'won' }, 'kind'],
    ['a source that is kept', { a: 'b' }, 'not_removed'],
  ])('refuses %s, naming the mapped stage', (_case, map, rule) => {
    const next = [stage('a'), stage('d'), stage('won', 'won'), stage('lost', 'lost')];
    const [from] = Object.keys(map);
    expect(brokenRules(() => planStageRemap(old, next, { b: 1, c: 1 }, map))).toEqual([
      { path: ['stageMap', from], rule },
    ]);
  });

  it('refuses to change the kind of a kept stage that holds deals', () => {
    const next = [stage('a'), stage('b'), stage('c'), stage('d', 'won'), stage('lost', 'lost')];
    expect(brokenRules(() => planStageRemap(old, next, { d: 2, won: 1 }))).toEqual([
      { path: ['stages', 3, 'kind'], rule: 'kind_change' },
    ]);
  });
});
