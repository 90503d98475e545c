import { parseCountry, parseDate, parseYesNo, splitList } from './cell-values';

describe('cell values', () => {
  it('splits lists on the separators people type', () => {
    expect(splitList('a, b；c、d|e;f，g\nh')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(splitList('  ')).toEqual([]);
  });

  it('reads yes/no in English and Chinese', () => {
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
