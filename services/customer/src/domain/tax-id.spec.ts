import { checkTaxId, isValidUnifiedSocialCreditCode, normalizeTaxId, usccCheckCharacter } from './tax-id';

describe('tax id', () => {
  it('normalizes: trims, converts full width, uppercases, strips spaces and dashes', () => {
    expect(normalizeTaxId('  9135-0100 m000 100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeTaxId('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeTaxId(' - ')).toBeNull();
  });

  it('computes the GB 32100-2015 check character', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91350100M000100I4')).toBeNull();
  });

  it('accepts a unified social credit code with a correct check character', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(checkTaxId('91350100M000100Y43')).toEqual([]);
  });

  it('refuses a USCC whose check character is wrong', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(checkTaxId('91350100M000100Y44')).toEqual([
      expect.objectContaining({ path: ['taxId'], rule: 'uscc_check' }),
    ]);
  });

  it('refuses codes with letters the USCC alphabet leaves out (I, O, Z, S, V)', () => {
    expect(isValidUnifiedSocialCreditCode('91350100M000100O43')).toBe(false);
  });

  it("accepts other countries' ids as 5 to 30 letters and digits", () => {
    expect(checkTaxId('DE123456789')).toEqual([]);
    expect(checkTaxId('GB123456789')).toEqual([]);
    expect(checkTaxId('1234')).toEqual([expect.objectContaining({ rule: 'tax_id_format' })]);
    expect(checkTaxId('A'.repeat(31))).toEqual([expect.objectContaining({ rule: 'tax_id_format' })]);
    expect(checkTaxId('12/345#678', ['account', 'taxId'])).toEqual([
      expect.objectContaining({ path: ['account', 'taxId'] }),
    ]);
  });
});
