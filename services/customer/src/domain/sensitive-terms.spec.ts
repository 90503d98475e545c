import { validateSensitiveTerms } from './sensitive-terms';

describe('sensitive terms', () => {
  it('accepts a decimal credit limit with a currency and normalizes the code', () => {
    const { value, violations } = validateSensitiveTerms({
      creditLimit: { amount: '500000.00', currencyCode: 'cny' },
      paymentTerms: ' 月结60天 ',
    });
    expect(violations).toEqual([]);
    expect(value).toEqual({ creditLimit: { amount: '500000.00', currencyCode: 'CNY' }, paymentTerms: '月结60天' });
  });

  it('refuses a negative or over-precise amount and an unknown currency, naming the field', () => {
    const rules = (amount: string, currencyCode = 'CNY') =>
      validateSensitiveTerms({ creditLimit: { amount, currencyCode } }).violations.map((v) => [
        v.path.join('.'),
        v.rule,
      ]);
    expect(rules('-1')).toEqual([['creditLimit.amount', 'decimal']]);
    expect(rules('1.005')).toEqual([['creditLimit.amount', 'scale']]);
    expect(rules('1e6')).toEqual([['creditLimit.amount', 'decimal']]);
    expect(rules('10', 'RMB1')).toEqual([['creditLimit.currencyCode', 'currency']]);
  });

  it('clears a field given as null and leaves absent ones out', () => {
    expect(validateSensitiveTerms({ creditLimit: null }).value).toEqual({ creditLimit: null });
    expect(validateSensitiveTerms({ bankAccount: 'not valid!' }).violations[0].rule).toBe('format');
  });
});
