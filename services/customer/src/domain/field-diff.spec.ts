import { diffFields } from './field-diff';

describe('field diff', () => {
  it('lists changed fields with before and after', () => {
    expect(diffFields({ name: 'A', grade: 'B', industry: null }, { name: 'A', grade: 'A', industry: null })).toEqual([
      { field: 'grade', before: 'B', after: 'A' },
    ]);
  });

  it('counts deep-equal lists and objects as unchanged', () => {
    const before = { tags: ['x', 'y'], customFields: { a: 1, b: ['p'] }, addresses: [{ city: '北京' }] };
    const after = { tags: ['x', 'y'], customFields: { b: ['p'], a: 1 }, addresses: [{ city: '北京' }] };
    expect(diffFields(before, after)).toEqual([]);
  });

  it('sees order changes in lists and nested changes in objects', () => {
    expect(
      diffFields({ tags: ['x', 'y'], cf: { a: 1 } }, { tags: ['y', 'x'], cf: { a: 2 } }).map((c) => c.field),
    ).toEqual(['tags', 'cf']);
  });

  it('reports fields that appear or disappear, and null versus a value', () => {
    expect(diffFields<Record<string, unknown>>({ a: 1 }, { b: 2 })).toEqual([
      { field: 'a', before: 1, after: undefined },
      { field: 'b', before: undefined, after: 2 },
    ]);
    expect(diffFields<{ website: string | null }>({ website: null }, { website: 'https://a.cn/' })).toHaveLength(1);
  });
});
