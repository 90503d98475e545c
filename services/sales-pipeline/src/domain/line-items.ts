// Line items of a deal or a quote: quantity × unit price less the discount, rounded once per line, summed per deal.
import { Exact, decimalText, parseDecimal } from './exact-decimal';
import { addMoney, money, moneyMaxFractionDigits, parseMoney, roundMoney, zeroMoney, type Money } from './money';
import { InputError } from '@crm/platform/errors';
import { ViolationCollector, type FieldPath } from './rule-errors';

export interface LineItem {
  productId: string;
  /** Decimal text > 0 (services and weights come in fractions). */
  quantity: string;
  unitPrice: Money;
  /** Decimal text, 0..100. */
  discountPercent: string;
}

/** A deal or quote holds at most this many lines (a quote is read by a person). */
export const maxLineItems = 200;

function parseLineItem(input: unknown, path: FieldPath, dealCurrency: string, check: ViolationCollector): LineItem {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const productId = typeof raw.productId === 'string' ? raw.productId.trim() : '';
  if (!productId) check.add([...path, 'productId'], 'required', 'is required');
  const quantity = check.read(
    () =>
      decimalText(
        parseDecimal(raw.quantity, [...path, 'quantity'], {
          maxFractionDigits: moneyMaxFractionDigits,
          min: '0',
          minExclusive: true,
          max: '1000000000',
        }),
      ),
    '0',
  );
  const unitPrice = check.read(() => parseMoney(raw.unitPrice, [...path, 'unitPrice']), money('0', dealCurrency));
  if (unitPrice.currency !== dealCurrency) {
    check.add([...path, 'unitPrice', 'currency'], 'same_currency', `must be the deal's currency ${dealCurrency}`);
  }
  const discountPercent = check.read(
    () =>
      decimalText(
        parseDecimal(raw.discountPercent ?? '0', [...path, 'discountPercent'], {
          maxFractionDigits: 4,
          min: '0',
          max: '100',
        }),
      ),
    '0',
  );
  return { productId, quantity, unitPrice, discountPercent };
}

/** Every line checked; all broken rules reported at once as `<root>[i].field` (root: the argument's path). */
export function parseLineItems(input: unknown, dealCurrency: string, root: FieldPath = ['lineItems']): LineItem[] {
  if (!Array.isArray(input)) throw InputError.single(root, 'type', 'must be a list');
  if (input.length > maxLineItems) {
    throw InputError.single(root, 'max_items', `at most ${maxLineItems} lines (got ${input.length})`);
  }
  const check = new ViolationCollector();
  const lines = input.map((line, index) => parseLineItem(line, [...root, index], dealCurrency, check));
  check.throwIfAny();
  return lines;
}

/** quantity × unit price × (1 − discount/100), exact, then rounded half-even to the currency's minor unit. */
export function lineTotal(line: LineItem): Money {
  const factor = new Exact(1).minus(new Exact(line.discountPercent).div(100));
  const exact = new Exact(line.quantity).times(line.unitPrice.amount).times(factor);
  return roundMoney(money(exact, line.unitPrice.currency));
}

/** Sum of the rounded line totals, in the deal's currency (a line in another currency is named). */
export function lineItemsTotal(lines: LineItem[], currency: string): Money {
  const total = lines.reduce<Money>(
    (sum, line, index) => addMoney(sum, lineTotal(line), ['lineItems', index, 'unitPrice', 'currency']),
    zeroMoney(currency),
  );
  return roundMoney(total);
}

/** The largest discount on any line, '0' when there are none: what a quote's approval depends on. */
export function maxDiscount(lines: LineItem[]): string {
  return decimalText(Exact.max(0, ...lines.map((line) => line.discountPercent)));
}
