import { parseCompanySize, parseGrade, parseLifecycleStage } from './customer-cell-values';

describe('account cell values', () => {
  it('reads grades in English and Chinese', () => {
    expect(['A', 'b', '甲', '乙', '丙', 'A类', 'Ｃ级'].map(parseGrade)).toEqual(['A', 'B', 'A', 'B', 'C', 'A', 'C']);
    expect(parseGrade('D')).toBeUndefined();
  });

  it('reads stages and sizes', () => {
    expect(['潜在客户', '成交客户', '流失客户', 'Customer'].map(parseLifecycleStage)).toEqual([
      'prospect',
      'customer',
      'churned',
      'customer',
    ]);
    expect(['中型', 'Enterprise', '微型企业'].map(parseCompanySize)).toEqual(['medium', 'enterprise', 'micro']);
  });
});
