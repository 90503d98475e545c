import { dedupeKeys, matchedOn } from './dedupe-keys';

describe('dedupe keys', () => {
  it('normalizes every key', () => {
    expect(
      dedupeKeys({
        name: '腾讯科技（深圳）有限公司',
        taxId: '9135 0100 M000 100Y43',
        phones: ['138-1234-5678', '+86 13812345678', 'n/a'],
        emails: ['Sales@QQ.com', 'bad'],
      }),
    ).toEqual({ taxId: '91350100M000100Y43', emails: ['sales@qq.com'], phones: ['+8613812345678'], name: '腾讯科技' });
  });

  it('gives no tax id key for an invalid tax id and no name key for a blank name', () => {
    expect(dedupeKeys({ name: ' ', taxId: '91350100M000100Y44', phones: [], emails: [] })).toMatchObject({
      taxId: null,
      name: null,
    });
  });

  it('tells which keys two accounts share, strongest first', () => {
    const a = dedupeKeys({
      name: 'Acme Co., Ltd.',
      taxId: 'DE123456789',
      phones: ['+1 415 555 2671'],
      emails: ['a@acme.com'],
    });
    const b = dedupeKeys({
      name: 'ACME Limited',
      taxId: 'de-123456789',
      phones: ['+14155552671'],
      emails: ['b@acme.com'],
    });
    expect(matchedOn(a, b)).toEqual(['tax_id', 'phone', 'name']);
  });

  it('matches phones written differently, and extensions of one switchboard, on the same key', () => {
    const a = dedupeKeys({ name: '甲', taxId: null, phones: ['(+86)13800001234', '010-12345678 转 801'], emails: [] });
    const b = dedupeKeys({
      name: '乙',
      taxId: null,
      phones: ['0086 138 0000 1234', '+861012345678;ext=802'],
      emails: [],
    });
    expect(a.phones).toEqual(['+861012345678', '+8613800001234']);
    expect(matchedOn(a, b)).toEqual(['phone']);
    expect(b.phones).toEqual(a.phones);
  });

  it('matches nothing between unrelated accounts or on missing keys', () => {
    const a = dedupeKeys({ name: '华为', taxId: null, phones: [], emails: [] });
    const b = dedupeKeys({ name: '中兴', taxId: null, phones: [], emails: [] });
    expect(matchedOn(a, b)).toEqual([]);
  });
});
