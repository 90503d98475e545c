import { Readable } from 'node:stream';
import type { ImportReport } from '../src/import/import-report';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

// The file of issue 7: a Chinese company's exported customer list, UTF-8 with a BOM, 2,120 rows, phones written as
// people write them, 省份/城市 without a street, notes (备注), and columns the CRM has no field for.
const ROWS = 2120;
const HEADER = ['序号', '客户名称', '联系人', '联系电话', '省份', '城市', '备注', '客户来源'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const fullWidth = (text: string): string =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Row i's phone as typed, and how it is stored. */
function phoneOf(i: number): { typed: string; stored: string } {
  const mobile = `138${pad(i, 8)}`;
  switch (i % 7) {
    case 0:
      return { typed: `(+86)${mobile}`, stored: `+86${mobile}` };
    case 1:
      return { typed: `0086 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, stored: `+86${mobile}` };
    case 2:
      return { typed: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`, stored: `+86${mobile}` };
    case 3:
      return { typed: fullWidth(mobile), stored: `+86${mobile}` };
    case 4:
      return { typed: `010-6${pad(i, 7)}`, stored: `+86106${pad(i, 7)}` };
    case 5:
      return { typed: `(0755) 8${pad(i % 1000, 3)} ${pad(i, 4)}`, stored: `+867558${pad(i % 1000, 3)}${pad(i, 4)}` };
    default:
      return { typed: `021-6${pad(i, 7)} 转 8${i % 100}`, stored: `+86216${pad(i, 7)};ext=8${i % 100}` };
  }
}

/** Row i's 省份 and 城市: both, the city alone, the province alone, or neither. */
function placeOf(i: number): { region: string | null; city: string | null } {
  return [
    { region: '广东省', city: '深圳市' },
    { region: null, city: '杭州市' },
    { region: '四川省', city: null },
    { region: null, city: null },
  ][i % 4];
}

function noteOf(i: number): string {
  return ['', '老客户, 年底续约', '"重点"客户\n每季度回访', '展会获客'][i % 4];
}

const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function customerFile(): Buffer {
  const lines = [HEADER.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const place = placeOf(i);
    lines.push(
      [
        String(i + 1),
        `客户${pad(i, 4)}（深圳）贸易有限公司`,
        `联系人${i}`,
        phoneOf(i).typed,
        place.region ?? '',
        place.city ?? '',
        noteOf(i),
        i % 2 ? '展会' : '转介绍',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

interface StoredAccount {
  name: string;
  phones: string[];
  addresses: { line1: string | null; city: string | null; region: string | null; countryCode: string }[];
  description: string | null;
}

describe('import of a real customer file (UTF-8 with BOM, 省/市 without street, phones as typed, 备注)', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_real_file');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function post(query: string): Promise<{ status: number; report: ImportReport }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/accounts?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token('admin1')}` },
      body: Readable.toWeb(Readable.from([customerFile()])) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, report: (await res.json()) as ImportReport };
  }

  const expectedColumns = [
    { header: '序号', field: null, ignored: 'unknown_header' },
    { header: '客户名称', field: 'name', ignored: null },
    { header: '联系人', field: null, ignored: 'unknown_header' },
    { header: '联系电话', field: 'phones', ignored: null },
    { header: '省份', field: 'region', ignored: null },
    { header: '城市', field: 'city', ignored: null },
    { header: '备注', field: 'description', ignored: null },
    { header: '客户来源', field: null, ignored: 'unknown_header' },
  ];
  const columnsOf = (report: ImportReport) =>
    report.columns.map((c) => ({ header: c.header, field: c.field, ignored: c.ignored?.reason ?? null }));

  it('a dry run accepts every row and shows which column went where, and which were ignored and why', async () => {
    const { status, report } = await post('dryRun=true&policy=skip');
    expect(status).toBe(200);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ dryRun: true, rowsRead: ROWS, created: ROWS, failed: 0, skipped: 0 });
    expect(columnsOf(report)).toEqual(expectedColumns);
    expect(report.columns.find((c) => c.header === '联系人')?.ignored?.message).toBe(
      '"联系人" names no field of an account; to keep it, name a custom field column cf_<key>',
    );
    expect(Number((await h.app.dataSource.query('SELECT count(*) AS n FROM accounts'))[0].n)).toBe(0);
  });

  it('applying it creates every row: phones in E.164, the province and city as the address, the notes kept', async () => {
    const { status, report } = await post('dryRun=false&policy=skip');
    expect(status).toBe(200);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ dryRun: false, rowsRead: ROWS, created: ROWS, failed: 0 });
    expect(columnsOf(report)).toEqual(expectedColumns);

    const rows = (await h.app.dataSource.query(
      `SELECT name, phones, addresses, description FROM accounts ORDER BY name`,
    )) as StoredAccount[];
    expect(rows).toHaveLength(ROWS);
    rows.forEach((row, i) => {
      const place = placeOf(i);
      expect(row.name).toBe(`客户${pad(i, 4)}（深圳）贸易有限公司`);
      expect(row.phones).toEqual([phoneOf(i).stored]);
      expect(row.addresses).toEqual(
        place.region === null && place.city === null
          ? []
          : [
              {
                kind: 'office',
                line1: null,
                line2: null,
                city: place.city,
                region: place.region,
                postalCode: null,
                countryCode: 'CN',
              },
            ],
      );
      expect(row.description).toBe(noteOf(i) === '' ? null : noteOf(i));
    });
  });

  it('finds an imported account by its phone typed another way, and exports its notes', async () => {
    const found = await h.graphql<{ accounts: { edges: { node: { name: string; description: string | null } }[] } }>(
      `{ accounts(search: "0086 138 0000 0002") { edges { node { name description } } } }`,
    );
    expect(found.data?.accounts.edges.map((e) => e.node)).toEqual([
      { name: '客户0002（深圳）贸易有限公司', description: '"重点"客户\n每季度回访' },
    ]);

    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/exports/accounts.csv`, {
      headers: { authorization: `Bearer ${await h.token('admin1')}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const headerLine = text.split('\r\n').find((line) => line.startsWith('id,'));
    expect(headerLine?.split(',')).toContain('description');
    expect(text).toContain('"""重点""客户\n每季度回访"');
  });
});
