// Money and other exact quantities travel as decimal strings; they are compared as scaled BigInts, never as floats.

const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** True for plain decimal notation such as '1234.50', '-3', '0.001' (no exponent, no thousands separators). */
export function isDecimal(value: string): boolean {
  return decimalPattern.test(value);
}

interface ScaledDecimal {
  units: bigint;
  scale: number;
}

function scaled(value: string): ScaledDecimal {
  const match = decimalPattern.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a decimal`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

/** Compares two decimal strings exactly: -1 when a < b, 0 when equal, 1 when a > b. Throws RangeError on a non-decimal. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const left = scaled(a);
  const right = scaled(b);
  const scale = Math.max(left.scale, right.scale);
  const l = left.units * 10n ** BigInt(scale - left.scale);
  const r = right.units * 10n ** BigInt(scale - right.scale);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The exact decimal string of a JavaScript number that holds an integer or a short fraction (e.g. a configured bound). */
export function decimalFromNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = value.toString();
  return isDecimal(text) ? text : null;
}
