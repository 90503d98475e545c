import { brokenRules } from './caught-rule-error';
import {
  addMoney,
  compareMoney,
  isZeroMoney,
  minorUnits,
  money,
  multiplyMoney,
  parseMoney,
  roundMoney,
  sumMoney,
  shownAmount,
} from './money';

describe('money', () => {
  it.each([
    [
      { amount: '1234.50', currency: 'CNY' },
      { amount: '1234.5', currency: 'CNY' },
    ],
    [
      { amount: '0', currency: 'usd' },
      { amount: '0', currency: 'USD' },
    ],
    [
      { amount: '0.0001', currency: 'KWD' },
      { amount: '0.0001', currency: 'KWD' },
    ],
    [
      { amount: '999999999999999.9999', currency: 'JPY' },
      { amount: '999999999999999.9999', currency: 'JPY' },
    ],
  ])('reads %j as %j', (input, expected) => {
    expect(parseMoney(input, ['amount'])).toEqual(expected);
  });

  it.each([
    [{ amount: 12.5, currency: 'CNY' }, ['deal', 'amount'], 'decimal'],
    [{ amount: '1.25e1', currency: 'CNY' }, ['deal', 'amount'], 'decimal'],
    [{ amount: '1,000', currency: 'CNY' }, ['deal', 'amount'], 'decimal'],
    [{ amount: '0.00001', currency: 'CNY' }, ['deal', 'amount'], 'fraction_digits'],
    [{ amount: '1000000000000000', currency: 'CNY' }, ['deal', 'amount'], 'max'],
    [{ amount: '-1', currency: 'CNY' }, ['deal', 'amount'], 'min'],
    [{ amount: '1', currency: 'XYZ' }, ['deal', 'currency'], 'currency'],
    [{ amount: '1', currency: 'RMB' }, ['deal', 'currency'], 'currency'],
  ])('refuses %j naming %j and rule %s', (input, path, rule) => {
    expect(brokenRules(() => parseMoney(input, ['deal']))).toEqual([{ path, rule }]);
  });

  it('allows a negative amount only when asked', () => {
    expect(parseMoney({ amount: '-5.25', currency: 'EUR' }, ['refund'], { allowNegative: true }).amount).toBe('-5.25');
  });

  it.each([
    ['JPY', 0],
    ['CNY', 2],
    ['USD', 2],
    ['KWD', 3],
  ])('knows %s has %i minor digits', (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
  });

  it.each([
    // half-even: a tie goes to the even neighbour, anything past the tie goes up
    ['CNY', '2.345', '2.34'],
    ['CNY', '2.355', '2.36'],
    ['CNY', '2.3451', '2.35'],
    ['JPY', '2.5', '2'],
    ['JPY', '3.5', '4'],
    ['KWD', '1.0005', '1.000'],
    ['KWD', '1.0015', '1.002'],
    ['USD', '10', '10.00'],
  ])('rounds %s %s to %s', (currency, amount, expected) => {
    expect(roundMoney(money(amount, currency)).amount).toBe(expected);
  });

  it('adds exactly where floats would not: 0.1 + 0.2 = 0.3', () => {
    expect(addMoney(money('0.1', 'USD'), money('0.2', 'USD'))).toEqual({ amount: '0.3', currency: 'USD' });
  });

  it('sums a list, naming the index of an amount in another currency', () => {
    expect(sumMoney([money('1.10', 'CNY'), money('2.20', 'CNY')], 'CNY').amount).toBe('3.3');
    expect(sumMoney([], 'CNY')).toEqual({ amount: '0', currency: 'CNY' });
    expect(brokenRules(() => sumMoney([money('1', 'CNY'), money('1', 'USD')], 'CNY', ['lines']))).toEqual([
      { path: ['lines', 1, 'currency'], rule: 'same_currency' },
    ]);
  });

  it('multiplies without rounding: 19.99 × 3.5 = 69.965', () => {
    expect(multiplyMoney(money('19.99', 'USD'), '3.5').amount).toBe('69.965');
  });

  it('keeps 40 significant digits: 10^14 × 0.333… (40 threes) = 33333333333333.333… (26 threes after the point)', () => {
    const third = multiplyMoney(money('100000000000000', 'USD'), '0.3333333333333333333333333333333333333333');
    expect(third.amount).toBe('33333333333333.33333333333333333333333333');
  });

  it('compares within a currency and refuses to compare across currencies', () => {
    expect(compareMoney(money('10.00', 'CNY'), money('10', 'CNY'))).toBe(0);
    expect(compareMoney(money('9.99', 'CNY'), money('10', 'CNY'))).toBe(-1);
    expect(brokenRules(() => compareMoney(money('1', 'CNY'), money('1', 'USD')))).toEqual([
      { path: ['currency'], rule: 'same_currency' },
    ]);
  });

  it('knows zero, in any notation', () => {
    expect(isZeroMoney(money('0.0000', 'USD'))).toBe(true);
    expect(isZeroMoney(money('0.0001', 'USD'))).toBe(false);
  });
});

describe('amounts as the API shows them', () => {
  it.each([
    ['2850.0000', 'CNY', '2850.00'],
    ['1250000.5000', 'CNY', '1250000.50'],
    ['12.3450', 'CNY', '12.345'],
    ['0.0001', 'USD', '0.0001'],
    ['2850.0000', 'JPY', '2850'],
    ['1.5000', 'KWD', '1.500'],
    ['-3.1000', 'EUR', '-3.10'],
    ['0', 'CNY', '0.00'],
  ])('%s %s is shown as %s', (amount, currency, shown) => {
    expect(shownAmount(amount, currency)).toBe(shown);
  });
});
