import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { InputError } from '../errors';
import { cellText, parseDate } from './cell-values';
import { describeColumns } from './column-mapping';
import { ColumnResolver, type ColumnAliases } from './column-names';
import type { CsvImportDefinition } from './csv-import';
import { parseImportOptions } from './csv-import-route';
import { readImportBatches } from './import-batches';
import { addRowErrors, emptyReport, type ImportOptions, type ImportReport } from './import-report';
import { checkedTableName } from './table-name';

// A tiny import of its own, as a service would declare one: a required name and an optional date.
type VisitColumn = 'name' | 'visitedOn';
const aliases: ColumnAliases<VisitColumn> = { name: ['name', '名称'], visitedOn: ['visited on', '拜访日期'] };
const resolver = new ColumnResolver(aliases);

interface Visit {
  rowNumber: number;
  name: string;
  visitedOn: string | null;
}

const visitImport: Pick<CsvImportDefinition<Visit>, 'describeColumns' | 'readRow'> = {
  describeColumns: (header) =>
    describeColumns(header, resolver, { kind: 'a visit', listFields: [], customFieldKeys: null }),
  readRow: (row) => {
    if ('error' in row) return { errors: [{ row: row.rowNumber, field: '', reason: row.error }] };
    const { fields } = resolver.columns(row.record);
    const nameColumn = fields.get('name');
    const name = cellText(nameColumn?.values[0]);
    if (name === null)
      return { errors: [{ row: row.rowNumber, field: nameColumn?.headers[0] ?? 'name', reason: 'is required' }] };
    const dateColumn = fields.get('visitedOn');
    const rawDate = cellText(dateColumn?.values[0]);
    const visitedOn = rawDate === null ? null : (parseDate(rawDate) ?? null);
    if (rawDate !== null && visitedOn === null) {
      return { errors: [{ row: row.rowNumber, field: dateColumn?.headers[0] ?? '', reason: 'is not a date' }] };
    }
    return { item: { rowNumber: row.rowNumber, name, visitedOn } };
  },
};

async function importVisits(
  file: Buffer,
  options: Partial<ImportOptions> = {},
): Promise<{ report: ImportReport; batches: Visit[][] }> {
  const full: ImportOptions = { encoding: 'auto', dryRun: true, policy: 'skip', ...options };
  const report = emptyReport(full);
  const batches: Visit[][] = [];
  const refuse = (errors: ImportReport['errors']): void => addRowErrors(report, errors, full.maxReportedErrors ?? 1000);
  await readImportBatches(Readable.from([file]), visitImport, { options: full, report, refuse }, async (batch) => {
    batches.push(batch);
  });
  return { report, batches };
}

describe('the generic CSV import pipeline', () => {
  it('reads a GBK file from Excel with Chinese headers into batches, and says where every column went', async () => {
    const file = iconv.encode(
      '名称,拜访日期,备注,,名称\r\n华为,2024年3月5日,x,,y\r\n腾讯,,,,\r\n阿里,2024/3/6,,,\r\n',
      'gbk',
    );
    const { report, batches } = await importVisits(file, { batchSize: 2 });
    expect(batches).toEqual([
      [
        { rowNumber: 2, name: '华为', visitedOn: '2024-03-05' },
        { rowNumber: 3, name: '腾讯', visitedOn: null },
      ],
      [{ rowNumber: 4, name: '阿里', visitedOn: '2024-03-06' }],
    ]);
    expect(report.rowsRead).toBe(3);
    expect(report.columns.map((c) => [c.header, c.field, c.ignored?.reason ?? null])).toEqual([
      ['名称', 'name', null],
      ['拜访日期', 'visitedOn', null],
      ['备注', null, 'unknown_header'],
      ['', null, 'empty_header'],
      ['名称', null, 'duplicate_header'],
    ]);
    expect(report.columns[2].ignored?.message).toBe('"备注" names no field of a visit');
  });

  it('refuses bad rows one by one, naming the row and the column as written, and goes on with the rest', async () => {
    const file = Buffer.from('Name,Visited On\n,2024-01-01\n京东,next week\n美团,2024-2-1\n"unclosed,2024-01-01\n');
    const { report, batches } = await importVisits(file);
    expect(batches.flat().map((v) => v.name)).toEqual(['美团']);
    expect(report.rowsRead).toBe(4);
    expect(report.failed).toBe(3);
    expect(report.errors).toEqual([
      { row: 2, field: 'Name', reason: 'is required' },
      { row: 3, field: 'Visited On', reason: 'is not a date' },
      { row: 5, field: '', reason: expect.stringContaining('a quoted value is never closed') },
    ]);
  });

  it('counts every refused row but keeps only the first errors in the report', async () => {
    const file = Buffer.from(`name,visited on\n${',2024-01-01\n'.repeat(5)}`);
    const { report } = await importVisits(file, { maxReportedErrors: 2 });
    expect(report.failed).toBe(5);
    expect(report.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(report.errorsTruncated).toBe(true);
  });
});

describe('import options from the query string', () => {
  it('is a dry run that skips matches, with the encoding sniffed, unless told otherwise', () => {
    expect(parseImportOptions({})).toEqual({ dryRun: true, policy: 'skip', encoding: 'auto' });
    expect(parseImportOptions({ dryRun: 'false', policy: 'update', encoding: 'GBK' })).toEqual({
      dryRun: false,
      policy: 'update',
      encoding: 'gbk',
    });
  });

  it('refuses unknown values, naming each parameter and its rule', () => {
    let refused: unknown;
    try {
      parseImportOptions({ dryRun: 'yes', policy: 'merge', encoding: 'latin1' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).violations.map((v) => [v.path.join('.'), v.rule])).toEqual([
      ['policy', 'enum'],
      ['encoding', 'enum'],
      ['dryRun', 'boolean'],
    ]);
  });
});

describe('table names an import declares', () => {
  it('takes plain identifiers only, since they go into SQL as written', () => {
    expect(checkedTableName('leads')).toBe('leads');
    expect(() => checkedTableName('leads; DROP TABLE accounts')).toThrow('not a plain lower-case table name');
    expect(() => checkedTableName('"Leads"')).toThrow();
  });
});
