// Exact decimals for the sales domain: money, quantities, percentages and rates are decimal strings, computed with a
// local decimal.js clone (never JS numbers, never the process-wide decimal.js configuration).
import { Decimal } from 'decimal.js';
import { InputError } from '@crm/platform/errors';
import type { FieldPath } from './rule-errors';

/** 40 significant digits and banker's rounding; exponents only far outside any money range. */
export const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -45, toExpPos: 45 });
export type Exact = InstanceType<typeof Exact>;

const plainDecimal = /^[+-]?\d{1,30}(?:\.\d{1,30})?$/;

export interface DecimalBounds {
  /** Most digits after the point, trailing zeros not counted. */
  maxFractionDigits: number;
  /** Inclusive lower bound; `minExclusive` makes it strict. */
  min?: string;
  minExclusive?: boolean;
  /** Inclusive upper bound; `maxExclusive` makes it strict. */
  max?: string;
  maxExclusive?: boolean;
}

/** Reads a decimal written in plain notation ('12.50', not '1.25e1' nor 12.5) and checks its bounds. */
export function parseDecimal(input: unknown, path: FieldPath, bounds: DecimalBounds): Exact {
  if (typeof input !== 'string' || !plainDecimal.test(input.trim())) {
    throw InputError.single(path, 'decimal', 'must be a decimal written as text, e.g. "1234.50" (no exponent)');
  }
  const value = new Exact(input.trim());
  if (value.decimalPlaces() > bounds.maxFractionDigits) {
    throw InputError.single(path, 'fraction_digits', `at most ${bounds.maxFractionDigits} digits after the point`);
  }
  if (bounds.min !== undefined) {
    const below = bounds.minExclusive ? value.lte(bounds.min) : value.lt(bounds.min);
    if (below) {
      throw InputError.single(
        path,
        'min',
        `must be ${bounds.minExclusive ? 'greater than' : 'at least'} ${bounds.min}`,
      );
    }
  }
  if (bounds.max !== undefined) {
    const above = bounds.maxExclusive ? value.gte(bounds.max) : value.gt(bounds.max);
    if (above) {
      throw InputError.single(path, 'max', `must be ${bounds.maxExclusive ? 'less than' : 'at most'} ${bounds.max}`);
    }
  }
  return value;
}

/** The canonical text of a decimal: plain notation, no trailing zeros, '0' for zero and minus zero. */
export function decimalText(value: Exact): string {
  return value.isZero() ? '0' : value.toFixed();
}
