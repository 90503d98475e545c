import { toPage } from '../pagination';
import { byIdLoader, childCountsLoader, childPagesLoader } from './loaders';

describe('DataLoader factories', () => {
  it('byIdLoader reads every id asked for in one tick with one batch call, null for what the read leaves out', async () => {
    const calls: string[][] = [];
    const loader = byIdLoader(async (ids) => {
      calls.push([...ids]);
      return ids.filter((id) => id !== 'hidden').map((id) => ({ id, name: id.toUpperCase() }));
    });
    const [a, hidden, b] = await Promise.all([loader.load('a'), loader.load('hidden'), loader.load('b')]);
    expect(calls).toEqual([['a', 'hidden', 'b']]);
    expect([a?.name, hidden, b?.name]).toEqual(['A', null, 'B']);
  });

  it('childPagesLoader fetches one batch per distinct (first, after) for all parents of the tick', async () => {
    const calls: { parents: string[]; first?: number | null }[] = [];
    const pages = childPagesLoader<{ id: string }, string>(async (parents, first) => {
      calls.push({ parents: parents.map((p) => p.id), first });
      return new Map(parents.map((p) => [p.id, toPage([`${p.id}-child`], first ?? 10, (c) => [c])]));
    });
    const results = await Promise.all([
      pages({ id: 'p1' }, { first: 5 }),
      pages({ id: 'p2' }, { first: 5 }),
      pages({ id: 'p3' }, { first: 2 }),
    ]);
    expect(calls).toEqual([
      { parents: ['p1', 'p2'], first: 5 },
      { parents: ['p3'], first: 2 },
    ]);
    expect(results.map((r) => r.items)).toEqual([['p1-child'], ['p2-child'], ['p3-child']]);
  });

  it('childCountsLoader counts all parents of the tick in one call, each once, zero for one the fetch leaves out', async () => {
    const calls: string[][] = [];
    const counts = childCountsLoader<{ id: string }>(async (parents) => {
      calls.push(parents.map((p) => p.id));
      return new Map([['p1', { totalCount: 12, totalCountIsEstimate: false }]]);
    });
    const results = await Promise.all([counts({ id: 'p1' }), counts({ id: 'p2' }), counts({ id: 'p1' })]);
    expect(calls).toEqual([['p1', 'p2']]);
    expect(results.map((r) => r.totalCount)).toEqual([12, 0, 12]);
  });
});
