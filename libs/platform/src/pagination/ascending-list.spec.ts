import { InputError } from '../errors';
import { ascendingListPage } from './ascending-list';
import { encodeCursor } from './cursor';
import type { SqlRunner } from './total-count';

interface Row {
  position: number;
  id: string;
}

/** Records the statements and answers with `rows`. */
function recordingRunner(rows: Row[]): SqlRunner & { sent: { sql: string; parameters?: unknown[] }[] } {
  const sent: { sql: string; parameters?: unknown[] }[] = [];
  return {
    sent,
    query: async (sql, parameters) => {
      sent.push({ sql, parameters });
      return rows;
    },
  };
}

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const query = (after: string | null) => ({
  select: 'SELECT r.position, r.id FROM rules r',
  from: 'FROM rules r',
  order: [
    { column: 'r.position', type: 'int' as const },
    { column: 'r.id', type: 'uuid' as const },
  ],
  first: 2,
  after,
  cursorOf: (r: Row) => [r.position, r.id],
});

describe('ascendingListPage', () => {
  it('resumes after the cursor’s row in ascending key order, the extra row saying that more follow', async () => {
    const runner = recordingRunner([
      { position: 1, id: id(2) },
      { position: 2, id: id(1) },
      { position: 2, id: id(3) },
    ]);
    const page = await ascendingListPage(runner, query(encodeCursor([1, id(1)])));
    expect(runner.sent[0].sql).toContain('WHERE true AND (r.position, r.id) > ($1::int, $2::uuid)');
    expect(runner.sent[0].sql).toMatch(/ORDER BY r\.position, r\.id\s+LIMIT 3/);
    expect(runner.sent[0].parameters).toEqual([1, id(1)]);
    expect(page.items).toEqual([
      { position: 1, id: id(2) },
      { position: 2, id: id(1) },
    ]);
    expect(page.hasNextPage).toBe(true);
  });

  it('refuses on `after` a cursor whose values do not fit the keys (another list’s), before any SQL', async () => {
    const runner = recordingRunner([]);
    const foreign = encodeCursor(['china office hours', id(1)]);
    await expect(ascendingListPage(runner, query(foreign))).rejects.toThrow(InputError);
    await expect(ascendingListPage(runner, query(foreign))).rejects.toMatchObject({
      violations: [expect.objectContaining({ path: ['after'] })],
    });
    expect(runner.sent).toEqual([]);
  });
});
