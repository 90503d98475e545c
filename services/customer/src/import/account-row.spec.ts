import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import { readCsvRows, type ImportRowError } from '@crm/platform/csv-import';
import { describeAccountColumns, mapAccountRow } from './account-row';

const definitions: CustomFieldDefinition[] = [
  { key: 'annual_budget', label: '年度预算', type: 'decimal', required: false },
];

describe('mapping an account row', () => {
  it('reads Chinese headers and Chinese values', () => {
    const result = mapAccountRow(
      {
        '公司名称*': '腾讯科技（深圳）有限公司',
        统一社会信用代码: '9135 0100 M000 100Y43',
        行业: '互联网',
        规模: '特大型',
        官网: 'www.tencent.com',
        电话: '0755-86013388；138 1234 5678',
        手机: '13900001111',
        邮箱: 'BD@Tencent.com',
        标签: '重点、华南|上市',
        客户等级: '甲',
        阶段: '成交客户',
        地址: '科技中一路腾讯大厦',
        城市: '深圳',
        省份: '广东',
        邮编: '518057',
        国家: '中国',
        cf_annual_budget: '5000000.00',
        备注: '年度框架协议客户，季度回访',
      },
      2,
      definitions,
    );
    expect(result).toEqual({
      ok: true,
      fields: {
        name: '腾讯科技（深圳）有限公司',
        taxId: '91350100M000100Y43',
        industry: '互联网',
        size: 'enterprise',
        website: 'https://www.tencent.com/',
        addresses: [
          {
            kind: 'office',
            line1: '科技中一路腾讯大厦',
            line2: null,
            city: '深圳',
            region: '广东',
            postalCode: '518057',
            countryCode: 'CN',
          },
        ],
        phones: ['+8675586013388', '+8613812345678', '+8613900001111'],
        emails: ['bd@tencent.com'],
        tags: ['重点', '华南', '上市'],
        grade: 'A',
        lifecycleStage: 'customer',
        ownerId: null,
        teamId: null,
        customFields: { annual_budget: '5000000.00' },
        description: '年度框架协议客户，季度回访',
      },
    });
  });

  it('reads English headers in any case and spacing', () => {
    const result = mapAccountRow(
      {
        Name: 'Acme Ltd',
        'Tax ID': 'GB123456789',
        Email: 'a@acme.co.uk',
        Grade: 'b',
        Stage: 'prospect',
        Country: 'UK',
        City: 'London',
        Address: '1 High St',
      },
      3,
      [],
    );
    expect(result.ok && result.fields).toMatchObject({
      name: 'Acme Ltd',
      grade: 'B',
      addresses: [expect.objectContaining({ countryCode: 'GB' })],
    });
  });

  it.each([
    ['only a city', { 城市: '深圳市' }, { city: '深圳市', region: null, countryCode: 'CN' }],
    ['only a province', { 省份: '广东省' }, { city: null, region: '广东省', countryCode: 'CN' }],
    ['only a country', { 国家: '德国' }, { city: null, region: null, countryCode: 'DE' }],
  ])('accepts a row whose address has %s', (_case, cells, address) => {
    const result = mapAccountRow({ 客户名称: '深圳某某科技有限公司', ...cells }, 2, []);
    expect(result).toMatchObject({
      ok: true,
      fields: { addresses: [{ kind: 'office', line1: null, line2: null, postalCode: null, ...address }] },
    });
  });

  it('reports every problem with the row number and the column as written', () => {
    const result = mapAccountRow(
      {
        公司名称: '',
        邮箱: 'good@x.cn, not-an-email',
        客户等级: '丁',
        规模: '巨大',
        网址: 'javascript:alert(1)',
        cf_annual_budget: 'lots',
        cf_colour: 'red',
      },
      7,
      definitions,
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [7, '规模'],
      [7, '客户等级'],
      [7, '公司名称'],
      [7, '网址'],
      [7, '邮箱'],
      [7, 'cf_colour'],
      [7, 'cf_annual_budget'],
    ]);
    expect(errors.find((e) => e.field === '客户等级')?.reason).toContain('"丁" is not a grade');
    expect(errors.find((e) => e.field === '邮箱')?.reason).toContain('"not-an-email"');
  });

  it('names the missing column when the file has no name column at all', () => {
    const result = mapAccountRow({ 行业: '制造' }, 4, []);
    expect(result).toEqual({ ok: false, errors: [{ row: 4, field: 'name', reason: 'is required' }] });
  });
});

describe('importing an accounts file', () => {
  it('maps a GBK file from Excel and reports its dirty rows by row number', async () => {
    const csv = [
      '公司名称,税号,邮箱,客户等级,备注',
      '华为技术有限公司,91350100M000100Y43,sales@huawei.com,A,"总部, 深圳"',
      ',,a@b.cn,B,missing name',
      '小米科技有限责任公司,,not-an-email,C,',
      '字节跳动,,,Z,"多行',
      '备注"',
      '美团,,,乙,',
    ].join('\r\n');
    const accepted: string[] = [];
    const errors: ImportRowError[] = [];
    for await (const row of readCsvRows(Readable.from([iconv.encode(csv, 'gbk')]), { encoding: 'auto' })) {
      if ('error' in row) {
        errors.push({ row: row.rowNumber, field: '', reason: row.error });
        continue;
      }
      const mapped = mapAccountRow(row.record, row.rowNumber, []);
      if (mapped.ok) accepted.push(mapped.fields.name);
      else errors.push(...mapped.errors);
    }
    expect(accepted).toEqual(['华为技术有限公司', '美团']);
    expect(errors).toEqual([
      { row: 3, field: '公司名称', reason: 'is required' },
      { row: 4, field: '邮箱', reason: '"not-an-email" is not an email address' },
      { row: 5, field: '客户等级', reason: expect.stringContaining('"Z" is not a grade') },
    ]);
  });

  describe('column mapping for the report', () => {
    it('names the field of every column read, and every ignored column with its reason', async () => {
      const file =
        '\uFEFF客户名称,电话,手机,公司名称,城市,cf_annual_budget,cf_colour,微信号,电话,,备用\r\nA,1,2,B,C,3,4,5,6,7,8\r\n';
      let columns: ReturnType<typeof describeAccountColumns> = [];
      for await (const _row of readCsvRows(Readable.from([Buffer.from(file)]), {
        encoding: 'auto',
        onHeader: (header) => {
          columns = describeAccountColumns(header, definitions);
        },
      }));
      expect(
        columns.map(({ column, header, field, ignored }) => [column, header, field, ignored?.reason ?? null]),
      ).toEqual([
        [1, '客户名称', 'name', null],
        [2, '电话', 'phones', null],
        [3, '手机', 'phones', null],
        [4, '公司名称', 'name', null],
        [5, '城市', 'city', null],
        [6, 'cf_annual_budget', 'customFields.annual_budget', null],
        [7, 'cf_colour', 'customFields.colour', null],
        [8, '微信号', null, 'unknown_header'],
        [9, '电话', null, 'duplicate_header'],
        [10, '', null, 'empty_header'],
        [11, '备用', null, 'unknown_header'],
      ]);
      expect(columns[2].note).toBe('adds to the values of "电话"');
      expect(columns[3].note).toBe('read where "客户名称" is empty');
      expect(columns[6].note).toContain('no custom field "colour" is defined');
      expect(columns[7].ignored?.message).toBe(
        '"微信号" names no field of an account; to keep it, name a custom field column cf_<key>',
      );
    });
  });
});
