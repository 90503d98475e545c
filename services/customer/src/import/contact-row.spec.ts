import { describeContactColumns, mapContactRow } from './contact-row';

const accountId = '0b6f2a5e-8d4c-4f3a-9e2b-1c7d8e9f0a1b';

describe('mapping a contact row', () => {
  it('reads Chinese headers and links the account by name or tax id', () => {
    const result = mapContactRow(
      {
        公司名称: '华为技术有限公司',
        统一社会信用代码: '91350100M000100Y43',
        姓名: '张三',
        职位: '采购总监',
        手机: '139-0000-1111',
        邮箱: 'ZhangSan@huawei.com',
        生日: '1985年6月1日',
        首选渠道: '微信',
        同意邮件: '是',
        同意短信: '否',
        同意微信: '√',
        备注: '只在工作日联系',
      },
      2,
    );
    expect(result).toEqual({
      ok: true,
      account: { id: null, taxId: '91350100M000100Y43', name: '华为技术有限公司' },
      fields: {
        name: '张三',
        title: '采购总监',
        role: null,
        phones: ['+8613900001111'],
        emails: ['zhangsan@huawei.com'],
        birthday: '1985-06-01',
        preferredChannel: 'wechat',
        consentEmail: true,
        consentSms: false,
        consentWechat: true,
        ownerId: null,
        description: '只在工作日联系',
      },
    });
  });

  it('reads English headers and an account id', () => {
    const result = mapContactRow(
      {
        account_id: accountId.toUpperCase(),
        name: 'Jane Doe',
        email: 'jane@acme.com',
        preferred_channel: 'email',
        birthday: '1990/2/3',
      },
      3,
    );
    expect(result).toMatchObject({
      ok: true,
      account: { id: accountId },
      fields: { birthday: '1990-02-03', preferredChannel: 'email' },
    });
  });

  it('needs a way to find the account', () => {
    expect(mapContactRow({ 姓名: '李四' }, 5)).toEqual({
      ok: false,
      errors: [{ row: 5, field: 'account', reason: expect.stringContaining('needs its account') }],
    });
  });

  it('reports each bad cell with its column', () => {
    const result = mapContactRow(
      {
        客户税号: '91350100M000100Y44',
        姓名: '',
        邮箱: 'x@',
        生日: '6/1/1985',
        首选渠道: '传真',
        同意邮件: 'maybe',
        account_id: 'nope',
      },
      9,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      '客户税号',
      '生日',
      '首选渠道',
      '同意邮件',
      'account_id',
      '姓名',
      '邮箱',
    ]);
  });

  it('reports the columns a contact file cannot hold as ignored, with the reason', () => {
    const columns = describeContactColumns([
      { column: 1, header: '姓名', skipped: null },
      { column: 2, header: 'cf_hobby', skipped: null },
      { column: 3, header: '微信号', skipped: null },
    ]);
    expect(columns).toEqual([
      { column: 1, header: '姓名', field: 'name', ignored: null, note: null },
      {
        column: 2,
        header: 'cf_hobby',
        field: null,
        ignored: { reason: 'no_custom_fields', message: 'a contact has no custom fields, so "cf_hobby" is not read' },
        note: null,
      },
      {
        column: 3,
        header: '微信号',
        field: null,
        ignored: { reason: 'unknown_header', message: '"微信号" names no field of a contact' },
        note: null,
      },
    ]);
  });
});
