import { mapLeadRow } from './lead-import';

describe('lead import rows', () => {
  it('read Chinese headers into a checked lead with normalized email and phone', () => {
    const row = mapLeadRow(
      { 公司名称: ' 杭州茶叶有限公司 ', 联系人: '王芳', 邮箱: 'Wang@Tea.CN', 手机: '13800138000', 地区: '华东' },
      2,
    );
    expect(row).toMatchObject({
      rowNumber: 2,
      fields: {
        companyName: '杭州茶叶有限公司',
        personName: '王芳',
        email: 'wang@tea.cn',
        phone: '+8613800138000',
        region: '华东',
      },
    });
  });

  it('refuse a row without a name and with a bad email, naming the columns as written', () => {
    const row = mapLeadRow({ Email: 'not-an-email', Company: '' }, 7);
    expect(row).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ row: 7, field: 'Company' }),
        expect.objectContaining({ row: 7, field: 'Email' }),
      ]),
    });
  });

  it('give the same fingerprint to the same lead written differently', () => {
    const a = mapLeadRow({ company: 'Acme', email: 'A@acme.com' }, 2);
    const b = mapLeadRow({ 公司: ' Acme ', 邮箱: 'a@ACME.com' }, 3);
    expect('fingerprint' in a && 'fingerprint' in b && a.fingerprint === b.fingerprint).toBe(true);
  });
});
