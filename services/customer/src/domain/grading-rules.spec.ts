import { defaultGradingRules, suggestGrade, validateGradingRules, type GradingRules } from './grading-rules';

describe('grading', () => {
  it('grades a large, active, paying customer A and explains why', () => {
    const suggestion = suggestGrade({
      size: 'enterprise',
      lifecycleStage: 'customer',
      activitiesLast90Days: 12,
      wonDealsValue: '2500000.00',
    });
    expect(suggestion.grade).toBe('A');
    expect(suggestion.score).toBe(30 + 20 + 20 + 40);
    expect(suggestion.reasons).toEqual([
      'size enterprise: +30',
      'stage customer: +20',
      '12 activities in the last 90 days: +20',
      'won deals 2500000.00 >= 1000000: +40',
      'score 110: grade A (A >= 70, B >= 40)',
    ]);
  });

  it('grades a medium prospect with some activity B', () => {
    expect(
      suggestGrade({ size: 'medium', lifecycleStage: 'prospect', activitiesLast90Days: 5, wonDealsValue: '100000' }),
    ).toMatchObject({
      grade: 'B',
      score: 10 + 0 + 10 + 25,
    });
  });

  it('grades an unknown, quiet or churned account C', () => {
    expect(
      suggestGrade({ size: null, lifecycleStage: 'prospect', activitiesLast90Days: 0, wonDealsValue: '0' }).grade,
    ).toBe('C');
    expect(
      suggestGrade({ size: 'enterprise', lifecycleStage: 'churned', activitiesLast90Days: 3, wonDealsValue: '50000' })
        .grade,
    ).toBe('C');
  });

  it('compares band edges exactly, without floats', () => {
    const facts = { size: null, lifecycleStage: 'prospect' as const, activitiesLast90Days: 0 };
    expect(suggestGrade({ ...facts, wonDealsValue: '9999.99' }).score).toBe(0);
    expect(suggestGrade({ ...facts, wonDealsValue: '10000.00' }).score).toBe(10);
    expect(suggestGrade({ ...facts, wonDealsValue: '99999999999999999999.99' }).score).toBe(40);
  });

  it('follows rules an admin changed', () => {
    const rules: GradingRules = {
      ...defaultGradingRules,
      thresholds: { A: 20, B: 10 },
      wonValueBands: [{ atLeast: '1', points: 5 }],
    };
    expect(
      suggestGrade({ size: 'large', lifecycleStage: 'prospect', activitiesLast90Days: 0, wonDealsValue: '1' }, rules),
    ).toMatchObject({
      grade: 'A',
      score: 25,
    });
  });

  it('throws on a won value that is not a decimal', () => {
    expect(() =>
      suggestGrade({ size: null, lifecycleStage: 'prospect', activitiesLast90Days: 0, wonDealsValue: '1e6' }),
    ).toThrow(RangeError);
  });

  it('checks rules before an admin saves them', () => {
    expect(validateGradingRules(defaultGradingRules)).toEqual([]);
    const broken: GradingRules = {
      ...defaultGradingRules,
      pointsPerActivity: -1,
      wonValueBands: [{ atLeast: 'lots', points: 5 }],
      thresholds: { A: 10, B: 20 },
    };
    expect(validateGradingRules(broken).map((v) => v.path.join('.'))).toEqual([
      'pointsPerActivity',
      'wonValueBands.0.atLeast',
      'thresholds.A',
    ]);
  });
});
