import { compareDecimals, decimalFromNumber, isDecimal } from './decimal';

describe('decimal strings', () => {
  it('recognizes plain decimal notation only', () => {
    expect(['0', '1234.50', '-3', '+7.001'].every(isDecimal)).toBe(true);
    expect(['1e3', '1,000', '.5', '5.', '', 'abc'].some(isDecimal)).toBe(false);
  });

  it('compares exactly, beyond float precision', () => {
    expect(compareDecimals('1234.50', '1234.5')).toBe(0);
    expect(compareDecimals('0.1', '0.10000000000000000001')).toBe(-1);
    expect(compareDecimals('99999999999999999999.99', '99999999999999999999.98')).toBe(1);
    expect(compareDecimals('-5', '3')).toBe(-1);
  });

  it('throws on a non-decimal', () => {
    expect(() => compareDecimals('1e3', '1')).toThrow(RangeError);
  });

  it('writes configured number bounds as decimals', () => {
    expect(decimalFromNumber(1000)).toBe('1000');
    expect(decimalFromNumber(0.5)).toBe('0.5');
    expect(decimalFromNumber(Number.NaN)).toBeNull();
  });
});
