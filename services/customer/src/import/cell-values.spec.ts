import {
  parseCompanySize,
  parseCountry,
  parseDate,
  parseGrade,
  parseLifecycleStage,
  parseYesNo,
  splitList,
} from './cell-values';

describe('cell values', () => {
  it('splits lists on the separators people type', () => {
    expect(splitList('a, b；c、d|e;f，g\nh')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(splitList('  ')).toEqual([]);
  });

  it('reads grades in English and Chinese', () => {
    expect(['A', 'b', '甲', '乙', '丙', 'A类', 'Ｃ级'].map(parseGrade)).toEqual(['A', 'B', 'A', 'B', 'C', 'A', 'C']);
    expect(parseGrade('D')).toBeUndefined();
  });

  it('reads stages, sizes and yes/no', () => {
    expect(['潜在客户', '成交客户', '流失客户', 'Customer'].map(parseLifecycleStage)).toEqual([
      'prospect',
      'customer',
      'churned',
      'customer',
    ]);
    expect(['中型', 'Enterprise', '微型企业'].map(parseCompanySize)).toEqual(['medium', 'enterprise', 'micro']);
    expect(['是', 'Y', 'false', '否'].map(parseYesNo)).toEqual([true, true, false, false]);
  });

  it('reads dates written year first', () => {
    expect(['2024-3-5', '2024/03/05', '2024.3.5', '2024年3月5日'].map(parseDate)).toEqual(Array(4).fill('2024-03-05'));
    expect(parseDate('3/5/2024')).toBeUndefined();
  });

  it('reads countries by name or code', () => {
    expect(['中国', 'China', 'us', '香港'].map(parseCountry)).toEqual(['CN', 'CN', 'US', 'HK']);
  });
});
