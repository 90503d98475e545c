import { normalizeEmail } from './email-address';

describe('email address', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail('  Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
  });

  it('converts full-width characters typed with a Chinese input method', () => {
    expect(normalizeEmail('ｓａｌｅｓ＠ｅｘａｍｐｌｅ．ｃｎ')).toBe('sales@example.cn');
  });

  it('accepts plus addressing, subdomains and internationalized domains', () => {
    expect(normalizeEmail('li+crm@mail.huawei.com.cn')).toBe('li+crm@mail.huawei.com.cn');
    expect(normalizeEmail('info@公司.中国')).toBe('info@公司.中国');
  });

  it.each([
    '',
    'plainaddress',
    '@example.com',
    'a@b',
    'a@@b.com',
    'a..b@example.com',
    '.a@example.com',
    'a@-x.com',
    'a b@example.com',
    'a@example.c',
  ])('refuses %p', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});
