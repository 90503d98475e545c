import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import type { DataSource } from 'typeorm';
import {
  cellText,
  ColumnResolver,
  describeColumns,
  ImportFingerprints,
  importFingerprintsMigrationSql,
  rowFingerprint,
  runCsvImport,
  unreadableRowErrors,
  type CsvImportDefinition,
  type ImportOptions,
} from '../src/csv-import';
import { createDataSource } from '../src/db';

// A service's import in miniature: visits with a required name, written one batch per transaction.
interface Visit {
  rowNumber: number;
  name: string;
  fingerprint: string;
}

const resolver = new ColumnResolver<'name'>({ name: ['name', '名称'] });

const visitImport: CsvImportDefinition<Visit> = {
  table: 'visits',
  fingerprints: new ImportFingerprints('visit'),
  describeColumns: (header) =>
    describeColumns(header, resolver, { kind: 'a visit', listFields: [], customFieldKeys: null }),
  readRow: (row) => {
    if ('error' in row) return { errors: unreadableRowErrors(row) };
    const name = cellText(resolver.columns(row.record).fields.get('name')?.values[0]);
    if (name === null) return { errors: [{ row: row.rowNumber, field: 'name', reason: 'is required' }] };
    return { item: { rowNumber: row.rowNumber, name, fingerprint: rowFingerprint({ name }) } };
  },
  async writeBatch(tx, batch, { report, fingerprints }) {
    const fresh = await fingerprints.fresh(tx, batch, (visit) => visit.fingerprint, report);
    const ids = fresh.map(() => randomUUID());
    await tx.query(`INSERT INTO visits (id, name) SELECT * FROM unnest($1::uuid[], $2::text[])`, [
      ids,
      fresh.map((visit) => visit.name),
    ]);
    report.created += fresh.length;
    await fingerprints.record(
      tx,
      fresh.map((visit, i) => ({ fingerprint: visit.fingerprint, id: ids[i] })),
    );
  },
};

describe('a CSV import declared on the platform (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const importFile = (file: Buffer, options: Partial<ImportOptions> = {}) =>
    runCsvImport(dataSource, visitImport, Readable.from([file]), {
      encoding: 'auto',
      dryRun: false,
      policy: 'skip',
      ...options,
    });
  const count = async (table: string): Promise<number> =>
    Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase('csv-import');
    dataSource = createDataSource({ url: database.url, entities: [], migrations: [], poolSize: 4 });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE visits (id uuid PRIMARY KEY, name text NOT NULL)`);
    for (const sql of importFingerprintsMigrationSql().up) await dataSource.query(sql);
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const file = iconv.encode('名称\r\n华为\r\n\r\n腾讯\r\n华为\r\n', 'gbk');

  it('reports what a dry run would do and changes nothing', async () => {
    const report = await importFile(file, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, rowsRead: 3, created: 2, unchanged: 1, failed: 0 });
    expect(await count('visits')).toBe(0);
    expect(await count('import_fingerprints')).toBe(0);
  });

  it('imports a GBK file once, and a re-run of it changes nothing', async () => {
    expect(await importFile(file, { batchSize: 1 })).toMatchObject({ rowsRead: 3, created: 2, unchanged: 1 });
    expect(await importFile(file)).toMatchObject({ rowsRead: 3, created: 0, unchanged: 3 });
    expect(await count('visits')).toBe(2);
  });

  it('refuses rows one by one and writes the rest', async () => {
    const report = await importFile(Buffer.from('name,note\n,x\n阿里,\n'));
    expect(report).toMatchObject({ rowsRead: 2, created: 1, failed: 1 });
    expect(report.errors).toEqual([{ row: 2, field: 'name', reason: 'is required' }]);
    expect(await count('visits')).toBe(3);
  });
});
