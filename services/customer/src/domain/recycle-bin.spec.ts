import { isPurgeable, purgeCutoff } from './recycle-bin';

describe('recycle bin', () => {
  const now = new Date('2025-03-31T12:00:00Z');

  it('purges what was deleted more than the retention ago', () => {
    expect(purgeCutoff(now, 30)).toEqual(new Date('2025-03-01T12:00:00Z'));
    expect(isPurgeable(new Date('2025-03-01T11:59:59Z'), now, 30)).toBe(true);
    expect(isPurgeable(new Date('2025-03-01T12:00:00Z'), now, 30)).toBe(false);
  });

  it('with zero retention purges everything deleted before now', () => {
    expect(purgeCutoff(now, 0)).toEqual(now);
  });

  it('refuses a negative or fractional retention', () => {
    expect(() => purgeCutoff(now, -1)).toThrow(RangeError);
    expect(() => purgeCutoff(now, 1.5)).toThrow(RangeError);
  });
});
