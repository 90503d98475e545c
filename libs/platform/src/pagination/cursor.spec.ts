import { InputError } from '../errors';
import { decodeCursor, encodeCursor, pageSize, toPage } from './cursor';

describe('cursor pagination', () => {
  it('round-trips the sort values of the last row', () => {
    expect(decodeCursor(encodeCursor(['acme', 1, null]), 3)).toEqual(['acme', 1, null]);
  });

  it('refuses a cursor of another shape as bad input on the `after` field', () => {
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(InputError);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(/after/);
  });

  it('bounds the page size and defaults it', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(50)).toBe(50);
    expect(() => pageSize(1000)).toThrow(/from 1 to 200/);
    expect(() => pageSize(-1)).toThrow(InputError);
  });

  it('uses the extra row only to say more follow, with a cursor per item', () => {
    const page = toPage([{ id: 'a' }, { id: 'b' }, { id: 'c' }], 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.hasNextPage).toBe(true);
    expect(page.cursors.map((c) => decodeCursor(c, 1))).toEqual([['a'], ['b']]);
    expect(page.endCursor).toBe(page.cursors[1]);
  });
});
