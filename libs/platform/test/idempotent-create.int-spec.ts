import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db';
import { ConflictError } from '../src/errors';
import { idempotencyMigrationSql, idempotentCreate, pruneIdempotencyKeys } from '../src/idempotency';

// A create as a service writes it: one row per call, unless the call carries a key it already used.
describe('idempotent creates', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('idempotent_create');
    dataSource = createDataSource({ url: database.url, entities: [], migrations: [], poolSize: 6 });
    await dataSource.initialize();
    for (const sql of idempotencyMigrationSql.up) await dataSource.query(sql);
    await dataSource.query(`CREATE TABLE payments (id uuid PRIMARY KEY, amount numeric NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const createPayment = (caller: string, key: string | null, amount: string, pause = 0) =>
    dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        { caller, key, operation: 'recordPayment', payload: { amount } },
        async () => {
          const id: string = randomUUID();
          await tx.query(`INSERT INTO payments (id, amount) VALUES ($1, $2)`, [id, amount]);
          if (pause) await new Promise((r) => setTimeout(r, pause));
          return { id, amount };
        },
        (p) => p.id,
        async (id) => {
          const [row] = (await tx.query(`SELECT id, amount::text AS amount FROM payments WHERE id = $1`, [id])) as {
            id: string;
            amount: string;
          }[];
          return row;
        },
      ),
    );
  const count = async () =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM payments`)) as { n: number }[])[0].n;

  it('creates once for the same key and request, and answers the retry with the first result', async () => {
    const before = await count();
    const first = await createPayment('erp', 'INV-2026-0001', '100.00');
    const retry = await createPayment('erp', 'INV-2026-0001', '100.00');
    expect(retry).toEqual(first);
    expect(await count()).toBe(before + 1);
  });

  it('creates once when two retries race', async () => {
    const before = await count();
    const [a, b] = await Promise.all([
      createPayment('erp', 'race-1', '5.00', 300),
      createPayment('erp', 'race-1', '5.00', 300),
    ]);
    expect(a.id).toBe(b.id);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with another request as a conflict, and creates nothing', async () => {
    await createPayment('erp', 'INV-2026-0002', '100.00');
    const before = await count();
    await expect(createPayment('erp', 'INV-2026-0002', '999.00')).rejects.toBeInstanceOf(ConflictError);
    expect(await count()).toBe(before);
  });

  it('scopes keys to their caller, and creates every time without a key', async () => {
    const before = await count();
    const mine = await createPayment('erp', 'shared-key', '1.00');
    const theirs = await createPayment('billing', 'shared-key', '1.00');
    expect(theirs.id).not.toBe(mine.id);
    await createPayment('erp', null, '1.00');
    await createPayment('erp', null, '1.00');
    expect(await count()).toBe(before + 4);
  });

  it('forgets a key whose first call rolled back', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await idempotentCreate(
          tx,
          { caller: 'erp', key: 'rolled-back', operation: 'recordPayment', payload: {} },
          async () => ({ id: randomUUID() as string }),
          (p) => p.id,
          async (id) => ({ id }),
        );
        throw new Error('the write failed after the key');
      }),
    ).rejects.toThrow('the write failed');
    const created = await createPayment('erp', 'rolled-back', '2.00');
    expect(created.amount).toBe('2.00');
  });

  it('treats a field left out and a field sent as undefined as the same request', async () => {
    const call = (payload: Record<string, unknown>) =>
      dataSource.transaction((tx) =>
        idempotentCreate(
          tx,
          { caller: 'portal', key: 'optional-fields', operation: 'createDeal', payload },
          async () => ({ id: randomUUID() as string }),
          (d) => d.id,
          async (id) => ({ id }),
        ),
      );
    const first = await call({ name: 'ERP', ownerId: undefined });
    expect((await call({ name: 'ERP' })).id).toBe(first.id);
  });

  it('prunes keys older than the cutoff', async () => {
    await dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '3 days' WHERE key = 'race-1'`);
    expect(await pruneIdempotencyKeys(dataSource, new Date(Date.now() - 2 * 86_400_000))).toBe(1);
    const left = (await dataSource.query(`SELECT key FROM idempotency_keys WHERE key = 'race-1'`)) as unknown[];
    expect(left).toHaveLength(0);
  });
});
