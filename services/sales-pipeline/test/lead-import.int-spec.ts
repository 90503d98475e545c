import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { ImportReport } from '@crm/platform/csv-import';
import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const englishFile = [
  'Company,Name,Email,Phone,Region,Notes',
  'Xiamen Ports Co.,Lin Tao,lin@xmports.cn,13800138001,South,met at fair',
  'Fuzhou Tea Ltd,,tea@fuzhou.cn,,South,',
  ',,broken-email,,,',
  'Quanzhou Shoes,Chen Yu,chen@qzshoes.cn,,North,',
].join('\r\n');
const chineseFile = [
  '公司名称,联系人,邮箱,地区',
  '杭州丝绸有限公司,王芳,wang@silk.cn,华东',
  '宁波港务有限公司,李强,li@nbport.cn,华东',
].join('\r\n');

describeWithKeycloak('lead import', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_lead_import');
  }, 120_000);
  afterAll(() => h?.stop());

  async function post(
    body: Buffer,
    query: string,
    as = 'rep.east1',
  ): Promise<{ status: number; report: ImportReport }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/leads?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token(as)}` },
      body: Readable.toWeb(Readable.from([body])) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, report: (await res.json()) as ImportReport };
  }
  const leadCount = async () =>
    (
      (await h.app.dataSource.query(`SELECT count(*)::int AS n FROM leads WHERE source = 'import'`)) as { n: number }[]
    )[0].n;

  it('reports a dry run (mapping and per-row errors) without creating anything', async () => {
    const { status, report } = await post(Buffer.from(englishFile), 'dryRun=true');
    expect(status).toBe(200);
    expect(report).toMatchObject({ dryRun: true, rowsRead: 4, created: 3, failed: 1 });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, field: 'Email' }),
        expect.objectContaining({ row: 4, field: 'Company' }),
      ]),
    );
    expect(report.columns.map((c) => c.header)).toEqual(['Company', 'Name', 'Email', 'Phone', 'Region', 'Notes']);
    expect(await leadCount()).toBe(0);
  });

  it('creates the leads through the assignment rules, and a re-run changes nothing', async () => {
    const [south1, south2] = [await h.userId('rep.south1'), await h.userId('rep.south2')];
    const rule = await h.graphql(
      `mutation($input: DefineLeadAssignmentRuleInput!) { defineLeadAssignmentRule(input: $input) { id } }`,
      {
        input: {
          id: 'south-imports',
          priority: 1,
          strategy: 'ROUND_ROBIN',
          teamId: 'sales-south',
          match: { regions: ['South'] },
          members: [south1, south2],
        },
      },
      'admin1',
    );
    expect(rule.errors).toBeUndefined();
    const first = await post(Buffer.from(englishFile), 'dryRun=false');
    expect(first.report).toMatchObject({ dryRun: false, created: 3, failed: 1 });
    const owners: { owner_id: string; company_name: string }[] = await h.app.dataSource.query(
      `SELECT owner_id, company_name FROM leads WHERE source = 'import' ORDER BY company_name`,
    );
    expect(owners).toEqual([
      { company_name: 'Fuzhou Tea Ltd', owner_id: expect.any(String) },
      { company_name: 'Quanzhou Shoes', owner_id: await h.userId('rep.east1') },
      { company_name: 'Xiamen Ports Co.', owner_id: expect.any(String) },
    ]);
    expect(new Set([owners[0].owner_id, owners[2].owner_id])).toEqual(new Set([south1, south2]));
    const again = await post(Buffer.from(englishFile), 'dryRun=false');
    expect(again.report).toMatchObject({ created: 0, unchanged: 3, failed: 1 });
    expect(await leadCount()).toBe(3);
  });

  it('reads a GBK file with Chinese headers', async () => {
    const { report } = await post(iconv.encode(chineseFile, 'gbk'), 'dryRun=false');
    expect(report).toMatchObject({ created: 2, failed: 0 });
    const rows: { company_name: string }[] = await h.app.dataSource.query(
      `SELECT company_name FROM leads WHERE email = 'wang@silk.cn'`,
    );
    expect(rows).toEqual([{ company_name: '杭州丝绸有限公司' }]);
  });

  it('is refused to roles that do not capture leads', async () => {
    expect((await post(Buffer.from(englishFile), 'dryRun=true', 'agent1')).status).toBe(403);
  });
});
