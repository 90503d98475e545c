import { brokenRules } from './caught-rule-error';
import { lineItemsTotal, lineTotal, maxDiscount, parseLineItems, type LineItem } from './line-items';
import { money } from './money';

const line = (quantity: string, amount: string, discountPercent: string, currency = 'CNY'): LineItem => ({
  productId: 'p-1',
  quantity,
  unitPrice: money(amount, currency),
  discountPercent,
});

describe('line items', () => {
  it.each([
    // 3 × 19.99 = 59.97
    [line('3', '19.99', '0'), '59.97'],
    // 3 × 19.99 × 0.85 = 50.9745 → 50.97
    [line('3', '19.99', '15'), '50.97'],
    // 2.5 × 10.01 × 0.9 = 22.5225 → 22.52
    [line('2.5', '10.01', '10'), '22.52'],
    // 1 × 0.125 × 1 = 0.125 → half-even 0.12
    [line('1', '0.125', '0'), '0.12'],
    // 7 × 333 JPY × 0.875 = 2039.625 → 2040
    [line('7', '333', '12.5', 'JPY'), '2040'],
    // 1 × 1.2345 KWD × 1 → 1.234 (tie, 4 is even)
    [line('1', '1.2345', '0', 'KWD'), '1.234'],
    // fully discounted
    [line('5', '100', '100'), '0.00'],
  ])('line %j totals %s', (item, expected) => {
    expect(lineTotal(item).amount).toBe(expected);
  });

  it('rounds each line once, then sums the rounded lines: 0.125 + 0.125 = 0.12 + 0.12 = 0.24, not 0.25', () => {
    expect(lineItemsTotal([line('1', '0.125', '0'), line('1', '0.125', '0')], 'CNY')).toEqual(money('0.24', 'CNY'));
  });

  it('totals an empty quote at zero in the deal currency', () => {
    expect(lineItemsTotal([], 'USD')).toEqual({ amount: '0.00', currency: 'USD' });
  });

  it('refuses a total with a line in another currency, naming the line', () => {
    expect(brokenRules(() => lineItemsTotal([line('1', '1', '0'), line('1', '1', '0', 'USD')], 'CNY'))).toEqual([
      { path: ['lineItems', 1, 'unitPrice', 'currency'], rule: 'same_currency' },
    ]);
  });

  it('reads valid lines and defaults the discount to 0', () => {
    expect(
      parseLineItems([{ productId: 'sku-9', quantity: '2.50', unitPrice: { amount: '10', currency: 'CNY' } }], 'CNY'),
    ).toEqual([{ productId: 'sku-9', quantity: '2.5', unitPrice: money('10', 'CNY'), discountPercent: '0' }]);
  });

  it.each([
    [{ quantity: '0' }, ['lineItems', 0, 'quantity'], 'min'],
    [{ quantity: '-1' }, ['lineItems', 0, 'quantity'], 'min'],
    [{ quantity: 2 }, ['lineItems', 0, 'quantity'], 'decimal'],
    [{ discountPercent: '100.01' }, ['lineItems', 0, 'discountPercent'], 'max'],
    [{ discountPercent: '-5' }, ['lineItems', 0, 'discountPercent'], 'min'],
    [{ unitPrice: { amount: '10', currency: 'USD' } }, ['lineItems', 0, 'unitPrice', 'currency'], 'same_currency'],
    [{ unitPrice: { amount: '1e3', currency: 'CNY' } }, ['lineItems', 0, 'unitPrice', 'amount'], 'decimal'],
    [{ productId: ' ' }, ['lineItems', 0, 'productId'], 'required'],
  ])('refuses a line with %j, naming %j (%s)', (change, path, rule) => {
    const input = { productId: 'p', quantity: '1', unitPrice: { amount: '10', currency: 'CNY' }, ...change };
    expect(brokenRules(() => parseLineItems([input], 'CNY'))).toEqual([{ path, rule }]);
  });

  it('names every bad line at once', () => {
    const good = { productId: 'p', quantity: '1', unitPrice: { amount: '10', currency: 'CNY' } };
    const paths = brokenRules(() =>
      parseLineItems([good, { ...good, quantity: '0' }, good, { ...good, discountPercent: '120' }], 'CNY'),
    ).map((v) => v.path);
    expect(paths).toEqual([
      ['lineItems', 1, 'quantity'],
      ['lineItems', 3, 'discountPercent'],
    ]);
  });

  it('names the lines under the argument they came in', () => {
    const bad = { productId: 'p', quantity: '-1', unitPrice: { amount: '10', currency: 'CNY' } };
    expect(brokenRules(() => parseLineItems([bad], 'CNY', ['items']))).toEqual([
      { path: ['items', 0, 'quantity'], rule: 'min' },
    ]);
  });

  it('finds the largest discount, 0 without lines', () => {
    expect(maxDiscount([line('1', '1', '5'), line('1', '1', '22.5'), line('1', '1', '10')])).toBe('22.5');
    expect(maxDiscount([])).toBe('0');
  });
});
