import { brokenRules } from './caught-rule-error';
import { entryCriteriaFields, stageNameKey, validatePipeline } from './pipeline-definition';

const open = (name: string, probability: string, forecastCategory = 'pipeline') => ({
  name,
  kind: 'open',
  probability,
  forecastCategory,
  entryCriteria: [],
  idleDays: 14,
});
const won = { name: 'Closed Won', kind: 'won', probability: '100', forecastCategory: 'closed', idleDays: null };
const lost = { name: 'Closed Lost', kind: 'lost', probability: '0', forecastCategory: 'omitted' };
const violationsOf = (input: Record<string, unknown>) => brokenRules(() => validatePipeline(input));
const valid = () => ({
  name: 'Enterprise',
  businessLine: 'software',
  currency: 'cny',
  stages: [open('Qualify', '10'), open('Proposal', '50', 'best_case'), open('Negotiation', '80', 'commit'), won, lost],
});

function withStage(index: number, change: Record<string, unknown>) {
  const pipeline = valid();
  pipeline.stages[index] = { ...pipeline.stages[index], ...change } as (typeof pipeline.stages)[number];
  return pipeline;
}

describe('pipeline definition', () => {
  it('accepts a pipeline and normalizes it', () => {
    const pipeline = validatePipeline({
      ...valid(),
      stages: [{ ...open(' Qualify   lead ', '10.50'), entryCriteria: ['amount', 'nextStep', 'amount'] }, won, lost],
    });
    expect(pipeline.currency).toBe('CNY');
    expect(pipeline.stages[0]).toEqual({
      id: null,
      name: 'Qualify lead',
      kind: 'open',
      probability: '10.5',
      forecastCategory: 'pipeline',
      entryCriteria: ['amount', 'nextStep'],
      idleDays: 14,
    });
    expect(pipeline.stages[1]).toMatchObject({ kind: 'won', probability: '100', idleDays: null, entryCriteria: [] });
  });

  it('lets the won and lost stages come in either order, and the currency be absent', () => {
    expect(validatePipeline({ ...valid(), currency: null, stages: [open('A', '5'), lost, won] }).stages).toHaveLength(
      3,
    );
  });

  it('exports the entry criteria fields the portal can ask for', () => {
    expect(entryCriteriaFields).toEqual(
      expect.arrayContaining(['amount', 'expectedCloseDate', 'nextStep', 'lineItems']),
    );
  });

  it('compares stage names without case or extra spaces', () => {
    expect(stageNameKey('  Proposal   Sent ')).toBe(stageNameKey('proposal sent'));
  });

  it.each([
    ['a repeated name in another case', withStage(1, { name: 'QUALIFY ' }), ['stages', 1, 'name'], 'unique'],
    ['an empty name', withStage(0, { name: '  ' }), ['stages', 0, 'name'], 'required'],
    ['an unknown kind', withStage(0, { kind: 'maybe' }), ['stages', 0, 'kind'], 'enum'],
    ['a probability above 100', withStage(0, { probability: '100.5' }), ['stages', 0, 'probability'], 'max'],
    ['a probability as a number', withStage(0, { probability: 10 }), ['stages', 0, 'probability'], 'decimal'],
    ['an unknown category', withStage(0, { forecastCategory: 'upside' }), ['stages', 0, 'forecastCategory'], 'enum'],
    [
      'an open stage in closed',
      withStage(0, { forecastCategory: 'closed' }),
      ['stages', 0, 'forecastCategory'],
      'open_stage',
    ],
    [
      'an unknown entry field',
      withStage(1, { entryCriteria: ['amount', 'budget'] }),
      ['stages', 1, 'entryCriteria', 1],
      'enum',
    ],
    ['idle days of 0', withStage(0, { idleDays: 0 }), ['stages', 0, 'idleDays'], 'idle_days'],
    ['idle days of 1.5', withStage(0, { idleDays: 1.5 }), ['stages', 0, 'idleDays'], 'idle_days'],
    ['a won stage at 90%', withStage(3, { probability: '90' }), ['stages', 3, 'probability'], 'won_stage'],
    [
      'a won stage in commit',
      withStage(3, { forecastCategory: 'commit' }),
      ['stages', 3, 'forecastCategory'],
      'won_stage',
    ],
    ['a lost stage at 5%', withStage(4, { probability: '5' }), ['stages', 4, 'probability'], 'lost_stage'],
    [
      'a lost stage in pipeline',
      withStage(4, { forecastCategory: 'pipeline' }),
      ['stages', 4, 'forecastCategory'],
      'lost_stage',
    ],
    ['a bad currency', { ...valid(), currency: 'XXY' }, ['currency'], 'currency'],
    ['no business line', { ...valid(), businessLine: '' }, ['businessLine'], 'required'],
    ['a stage name of 81 characters', withStage(0, { name: 'x'.repeat(81) }), ['stages', 0, 'name'], 'max_length'],
    ['a pipeline name of 121 characters', { ...valid(), name: 'p'.repeat(121) }, ['name'], 'max_length'],
  ])('refuses %s, naming the field', (_case, input, path, rule) => {
    expect(violationsOf(input)).toEqual([{ path, rule }]);
  });

  it('keeps open stages first', () => {
    const { stages } = valid();
    expect(violationsOf({ ...valid(), stages: [stages[0], stages[3], stages[1], stages[4]] })).toEqual([
      { path: ['stages', 2, 'kind'], rule: 'stage_order' },
    ]);
  });

  it('needs exactly one won and one lost stage and an open stage', () => {
    expect(violationsOf({ ...valid(), stages: [open('A', '1'), won, { ...won, name: 'Won again' }] })).toEqual([
      { path: ['stages'], rule: 'one_won_stage' },
      { path: ['stages'], rule: 'one_lost_stage' },
    ]);
    expect(violationsOf({ ...valid(), stages: [won, lost] })).toEqual([{ path: ['stages'], rule: 'open_stage' }]);
    expect(violationsOf({ ...valid(), stages: [] })).toContainEqual({ path: ['stages'], rule: 'one_won_stage' });
  });

  it('allows at most 30 stages', () => {
    const stages = [...Array.from({ length: 29 }, (_, i) => open(`S${i}`, '10')), won, lost];
    expect(violationsOf({ ...valid(), stages })).toEqual([{ path: ['stages'], rule: 'max_items' }]);
    expect(validatePipeline({ ...valid(), stages: stages.slice(1) }).stages).toHaveLength(30);
  });

  it('refuses two stages with one id', () => {
    const stages = [{ ...open('A', '1'), id: 'same' }, { ...open('B', '2'), id: 'same' }, won, lost];
    expect(violationsOf({ ...valid(), stages })).toEqual([{ path: ['stages', 1, 'id'], rule: 'unique' }]);
  });
});
