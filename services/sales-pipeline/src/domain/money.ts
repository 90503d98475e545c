// Money: a decimal string and an ISO 4217 code. Sums only within one currency; rounding only where a rule says so.
import { InputError } from '@crm/platform/errors';
import type { FieldPath } from './rule-errors';
import { Exact, decimalText, parseDecimal } from './exact-decimal';

export interface Money {
  /** Plain decimal text, e.g. '1234.5'. */
  amount: string;
  currency: string;
}

/** Stored precision of amounts (numeric(19,4)): enough for unit prices below the minor unit. */
export const moneyMaxFractionDigits = 4;
/** Amounts stay below 10^15 so that sums of many deals still fit numeric(19,4). */
export const moneyUpperBound = '1000000000000000';

const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return currencies.has(code);
}

/** Digits after the point of the currency's minor unit: JPY 0, CNY 2, KWD 3. */
export function minorUnits(currency: string): number {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.resolvedOptions().maximumFractionDigits ?? 2;
}

export function parseCurrency(input: unknown, path: FieldPath): string {
  const code = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code) || !isCurrency(code)) {
    throw InputError.single(path, 'currency', 'must be an ISO 4217 currency code, e.g. "CNY"');
  }
  return code;
}

export interface MoneyOptions {
  /** Refunds and adjustments may be negative; prices and deal amounts may not. */
  allowNegative?: boolean;
}

/** Reads `{ amount, currency }` from input; errors name `path.amount` or `path.currency`. */
export function parseMoney(input: unknown, path: FieldPath, options: MoneyOptions = {}): Money {
  if (typeof input !== 'object' || input === null) {
    throw InputError.single(path, 'type', 'must be an object with amount and currency');
  }
  const { amount, currency } = input as Record<string, unknown>;
  const code = parseCurrency(currency, [...path, 'currency']);
  const value = parseDecimal(amount, [...path, 'amount'], {
    maxFractionDigits: moneyMaxFractionDigits,
    min: options.allowNegative ? `-${moneyUpperBound}` : '0',
    minExclusive: options.allowNegative,
    max: moneyUpperBound,
    maxExclusive: true,
  });
  return { amount: decimalText(value), currency: code };
}

export function money(amount: Exact | string, currency: string): Money {
  return { amount: decimalText(new Exact(amount)), currency };
}

export function zeroMoney(currency: string): Money {
  return { amount: '0', currency };
}

function sameCurrency(a: Money, b: Money, path: FieldPath): void {
  if (a.currency !== b.currency) {
    throw InputError.single(path, 'same_currency', `must be in ${a.currency}, not ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money, path: FieldPath = ['currency']): Money {
  sameCurrency(a, b, path);
  return money(new Exact(a.amount).plus(b.amount), a.currency);
}

/** The sum of amounts all in `currency`; a different one is named by its index under `path`. */
export function sumMoney(items: Money[], currency: string, path: FieldPath = []): Money {
  return items.reduce<Money>(
    (total, item, index) => addMoney(total, item, [...path, index, 'currency']),
    zeroMoney(currency),
  );
}

/** Exact product (not rounded: round once, where the rule says the figure is final). */
export function multiplyMoney(m: Money, factor: Exact | string): Money {
  return money(new Exact(m.amount).times(factor), m.currency);
}

/** Rounded half-even to the currency's minor unit, written with exactly that many digits ('10.50', '1000' for JPY). */
export function roundMoney(m: Money): Money {
  return { amount: new Exact(m.amount).toFixed(minorUnits(m.currency), Exact.ROUND_HALF_EVEN), currency: m.currency };
}

export function compareMoney(a: Money, b: Money, path: FieldPath = ['currency']): -1 | 0 | 1 {
  sameCurrency(a, b, path);
  return new Exact(a.amount).comparedTo(b.amount) as -1 | 0 | 1;
}

export function isZeroMoney(m: Money): boolean {
  return new Exact(m.amount).isZero();
}

/**
 * An amount as the API shows it: the currency's minor units at least (CNY 2850 → "2850.00", JPY → "2850"), more only
 * where the amount has them (a unit price of 12.345 CNY stays "12.345"), never an exponent. Stored amounts carry the
 * column's four places ("2850.0000"); clients get one shape for every amount of a currency.
 */
export function shownAmount(amount: string, currency: string): string {
  const value = new Exact(amount);
  const places = isCurrency(currency) ? Math.max(minorUnits(currency), value.decimalPlaces()) : value.decimalPlaces();
  return value.toFixed(places);
}
