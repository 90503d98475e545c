import { caughtRuleError } from './caught-rule-error';
import { convert, rateOn, validateExchangeRate, type ExchangeRate } from './exchange-rates';
import { money } from './money';
import { PreconditionError } from '@crm/platform/errors';

const rates: ExchangeRate[] = [
  { currency: 'USD', companyCurrency: 'CNY', rate: '7.1000', effectiveOn: '2026-01-01' },
  { currency: 'USD', companyCurrency: 'CNY', rate: '7.2500', effectiveOn: '2026-02-01' },
  { currency: 'JPY', companyCurrency: 'CNY', rate: '0.048', effectiveOn: '2026-01-15' },
  { currency: 'USD', companyCurrency: 'EUR', rate: '0.92', effectiveOn: '2025-01-01' },
];

describe('exchange rates', () => {
  it.each([
    ['2026-01-01', '7.1000', '2026-01-01'],
    ['2026-01-31', '7.1000', '2026-01-01'],
    ['2026-02-01', '7.2500', '2026-02-01'],
    ['2027-06-30', '7.2500', '2026-02-01'],
  ])('on %s uses USD→CNY %s of %s', (date, rate, effectiveOn) => {
    expect(rateOn(rates, 'USD', 'CNY', date)).toEqual({ currency: 'USD', rate, effectiveOn });
  });

  it('converts the company currency at 1, without a rate row', () => {
    expect(rateOn([], 'CNY', 'CNY', '2020-01-01')).toEqual({ currency: 'CNY', rate: '1', effectiveOn: null });
  });

  it('refuses a date before the first rate, naming the currency and the date', () => {
    const error = caughtRuleError(() => rateOn(rates, 'USD', 'CNY', '2025-12-31'));
    expect(error.code).toBe('FAILED_PRECONDITION');
    expect(error.violations[0].path).toEqual(['currency']);
    expect(error.message).toContain('USD');
    expect(error.message).toContain('2025-12-31');
  });

  it('never uses a rate into another company currency', () => {
    expect(() => rateOn(rates, 'USD', 'GBP', '2026-03-01')).toThrow(PreconditionError);
  });

  it.each([
    // 1000.00 × 7.1 = 7100.00
    [money('1000.00', 'USD'), '2026-01-10', { amount: '7100.00', currency: 'CNY' }, '7.1000'],
    // 333.33 × 7.25 = 2416.6425 → 2416.64
    [money('333.33', 'USD'), '2026-02-10', { amount: '2416.64', currency: 'CNY' }, '7.2500'],
    // 0.01 × 7.25 = 0.0725 → 0.07
    [money('0.01', 'USD'), '2026-02-10', { amount: '0.07', currency: 'CNY' }, '7.2500'],
    // 12345 JPY × 0.048 = 592.56
    [money('12345', 'JPY'), '2026-02-10', { amount: '592.56', currency: 'CNY' }, '0.048'],
  ])('converts %j on %s to %j at %s', (m, date, converted, rate) => {
    expect(convert(m, rates, 'CNY', date)).toMatchObject({ converted, rate });
  });

  it('rounds a tie in the company currency half-even', () => {
    // 0.125 USD × 0.92 = 0.115 EUR → half-even 0.12 (the 1 is odd, so the tie goes up to 2)
    expect(convert(money('0.125', 'USD'), rates, 'EUR', '2026-01-01').converted.amount).toBe('0.12');
    // 0.625 × 0.92 = 0.575 → 0.58
    expect(convert(money('0.625', 'USD'), rates, 'EUR', '2026-01-01').converted.amount).toBe('0.58');
  });

  it('accepts a new positive rate with up to 10 fraction digits', () => {
    expect(
      validateExchangeRate({
        currency: 'usd',
        companyCurrency: 'CNY',
        rate: '7.1234567890',
        effectiveOn: '2026-03-01',
      }),
    ).toEqual({ currency: 'USD', companyCurrency: 'CNY', rate: '7.123456789', effectiveOn: '2026-03-01' });
  });

  it.each([
    [{ rate: '0' }, ['rate'], 'min'],
    [{ rate: '-7.1' }, ['rate'], 'min'],
    [{ rate: '7.12345678901' }, ['rate'], 'fraction_digits'],
    [{ rate: 7.1 }, ['rate'], 'decimal'],
    [{ currency: 'CNY' }, ['currency'], 'not_company_currency'],
    [{ currency: 'ZZZ' }, ['currency'], 'currency'],
    [{ effectiveOn: '2026-02-30' }, ['effectiveOn'], 'date'],
    [{ effectiveOn: '01/03/2026' }, ['effectiveOn'], 'date'],
  ])('refuses a rate with %j, naming %j (%s)', (change, path, rule) => {
    const input = { currency: 'USD', companyCurrency: 'CNY', rate: '7.1', effectiveOn: '2026-03-01', ...change };
    expect(caughtRuleError(() => validateExchangeRate(input)).violations).toEqual([
      expect.objectContaining({ path, rule }),
    ]);
  });

  it('names every broken rule of a rate at once', () => {
    const error = caughtRuleError(() => validateExchangeRate({ currency: 'USD', companyCurrency: 'CNY', rate: 'x' }));
    expect(error.violations.map((v) => v.path)).toEqual([['rate'], ['effectiveOn']]);
  });
});
