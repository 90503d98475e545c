import { InputError } from '../errors';
import { decodeCursor, encodeCursor, pageSize, toPage, toPages } from './cursor';

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

describe('pages per parent', () => {
  it('gives each parent its own page and cursor, and an empty page to a parent without rows', () => {
    const rows = [
      { parent: 'p1', id: 'a' },
      { parent: 'p1', id: 'b' },
      { parent: 'p1', id: 'c' },
      { parent: 'p2', id: 'd' },
    ];
    const pages = toPages(
      ['p1', 'p2', 'p3'],
      rows,
      (r) => r.parent,
      2,
      (r) => [r.id],
    );
    expect(pages.get('p1')).toMatchObject({ items: [{ id: 'a' }, { id: 'b' }], hasNextPage: true });
    expect(decodeCursor(pages.get('p1')!.endCursor!, 1)).toEqual(['b']);
    expect(pages.get('p2')).toMatchObject({ items: [{ id: 'd' }], hasNextPage: false });
    expect(pages.get('p3')).toEqual({ items: [], cursors: [], endCursor: null, hasNextPage: false });
  });
});
