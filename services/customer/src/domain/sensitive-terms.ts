import { isDecimal } from './decimal';
import { violation, type Validated, type Violation } from './violation';

/** The account's commercial terms: visible to finance, the team's manager and crm-admin only. */
export interface SensitiveTerms {
  /** Decimal string, never a float; with its ISO 4217 currency. */
  creditLimit: { amount: string; currencyCode: string } | null;
  paymentTerms: string | null;
  bankName: string | null;
  bankAccount: string | null;
  taxRegistration: string | null;
}

export const sensitiveFieldNames = [
  'creditLimit',
  'paymentTerms',
  'bankName',
  'bankAccount',
  'taxRegistration',
] as const;

const CURRENCY = /^[A-Z]{3}$/;

function text(input: unknown, path: (string | number)[], max: number, violations: Violation[]): string | null {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') {
    violations.push(violation(path, 'type', 'must be text'));
    return null;
  }
  const trimmed = input.trim();
  if (trimmed.length > max) violations.push(violation(path, 'max_length', `must be at most ${max} characters`));
  return trimmed || null;
}

/** Checks a patch of terms; only the fields present are returned. */
export function validateSensitiveTerms(input: Partial<SensitiveTerms>): Validated<Partial<SensitiveTerms>> {
  const violations: Violation[] = [];
  const value: Partial<SensitiveTerms> = {};
  if ('creditLimit' in input) {
    const limit = input.creditLimit;
    if (limit === null || limit === undefined) value.creditLimit = null;
    else {
      const amount = String(limit.amount ?? '').trim();
      const currencyCode = String(limit.currencyCode ?? '')
        .trim()
        .toUpperCase();
      if (!isDecimal(amount) || amount.startsWith('-'))
        violations.push(
          violation(['creditLimit', 'amount'], 'decimal', 'must be a non-negative decimal such as 500000.00'),
        );
      else if ((amount.split('.')[1] ?? '').length > 2)
        violations.push(violation(['creditLimit', 'amount'], 'scale', 'must have at most 2 decimal places'));
      else if (amount.split('.')[0].replace(/^0+/, '').length > 16)
        violations.push(violation(['creditLimit', 'amount'], 'range', 'is too large'));
      if (!CURRENCY.test(currencyCode))
        violations.push(violation(['creditLimit', 'currencyCode'], 'currency', 'must be an ISO 4217 code such as CNY'));
      value.creditLimit = { amount, currencyCode };
    }
  }
  if ('paymentTerms' in input) value.paymentTerms = text(input.paymentTerms, ['paymentTerms'], 200, violations);
  if ('bankName' in input) value.bankName = text(input.bankName, ['bankName'], 200, violations);
  if ('bankAccount' in input) {
    const account = text(input.bankAccount, ['bankAccount'], 64, violations);
    if (account && !/^[0-9A-Z -]{6,64}$/i.test(account))
      violations.push(violation(['bankAccount'], 'format', 'must be 6 to 64 letters, digits, spaces or dashes'));
    value.bankAccount = account;
  }
  if ('taxRegistration' in input)
    value.taxRegistration = text(input.taxRegistration, ['taxRegistration'], 500, violations);
  return { value, violations };
}
