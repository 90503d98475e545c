import { normalizeCompanyName } from './company-name';

describe('company name key', () => {
  it.each([
    ['华为技术有限公司', '华为技术'],
    ['中国石油化工股份有限公司', '中国石油化工'],
    ['北京小米科技有限责任公司', '北京小米科技'],
    ['腾讯科技（深圳）有限公司', '腾讯科技'],
    ['（北京）小米科技有限责任公司', '小米科技'],
    ['阿里巴巴集团', '阿里巴巴'],
    ['万达集团有限公司', '万达'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME CO.,LTD', 'acme'],
    ['Acme Company Limited', 'acme'],
    ['Apple Inc.', 'apple'],
    ['Microsoft Corporation', 'microsoft'],
    ['Foo Corp.', 'foo'],
    ['Bar LLC', 'bar'],
    ['Siemens GmbH', 'siemens'],
    ['Shanghai Foo Trading (Shanghai) Co., Ltd.', 'shanghaifootrading'],
    ['ＡＢＣ　Ｌｉｍｉｔｅｄ', 'abc'],
    ['A.B.C. Trading, Inc.', 'abctrading'],
  ])('%p compares as %p', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });

  it('gives the same key to spellings of one company', () => {
    expect(normalizeCompanyName('腾讯科技(深圳)有限公司')).toBe(normalizeCompanyName(' 腾讯科技 （深圳） 有限公司 '));
  });

  it('keeps words that only look like suffixes', () => {
    expect(normalizeCompanyName('Comcast')).toBe('comcast');
    expect(normalizeCompanyName('Costco Wholesale')).toBe('costcowholesale');
  });

  it('keeps a branch apart from its parent', () => {
    expect(normalizeCompanyName('华为技术有限公司北京分公司')).not.toBe(normalizeCompanyName('华为技术有限公司'));
  });

  it('keeps a name that is nothing but a legal form', () => {
    expect(normalizeCompanyName('有限公司')).toBe('有限公司');
    expect(normalizeCompanyName('Limited')).toBe('limited');
    expect(normalizeCompanyName('  ')).toBe('');
  });

  it('takes linear time on long runs of spaces, brackets and separators', () => {
    const started = Date.now();
    for (const hostile of [
      `(${'\t\t'.repeat(40_000)}`,
      `(${'\t\t'.repeat(40_000)}(x)`,
      `${'\t'.repeat(60_000)}x\t`,
      `a${' ,.'.repeat(20_000)}b`,
      `x${' co'.repeat(100)}${' '.repeat(60_000)}y`,
    ]) {
      normalizeCompanyName(hostile);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('strips legal forms only as whole words, also after "&" and between separators', () => {
    expect(normalizeCompanyName('Smith & Co')).toBe('smith');
    expect(normalizeCompanyName('Acme Co Ltd.,')).toBe('acme');
    expect(normalizeCompanyName('Acme L.L.C.')).toBe('acme');
    expect(normalizeCompanyName('Tesco')).toBe('tesco');
    expect(normalizeCompanyName('Foo (Beijing)  ')).toBe('foo');
    expect(normalizeCompanyName('Foo (a region name longer than twenty)')).toBe('fooaregionnamelongerthantwenty');
  });
});
