import { violation, type Violation } from './violation';

// GB 32100-2015: 31 characters (no I, O, Z, S, V), weights 3^i mod 31, check = 31 - (sum mod 31).
const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Registration authority + type, 6-digit administrative division code, 9-character organization code, check.
const usccShape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const otherTaxIdShape = /^[A-Z0-9]{5,30}$/;

/** Trims, converts full-width characters, uppercases and strips spaces and dashes; null when nothing is left. */
export function normalizeTaxId(raw: string): string | null {
  const normalized = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―_]/gu, '');
  return normalized === '' ? null : normalized;
}

/** The GB 32100-2015 check character of the first 17 characters, or null when they use a letter outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = usccAlphabet.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * usccWeights[i];
  }
  return usccAlphabet[(31 - (sum % 31)) % 31];
}

/** Validates a Chinese Unified Social Credit Code (统一社会信用代码), already normalized, including its check character. */
export function isValidUnifiedSocialCreditCode(code: string): boolean {
  return usccShape.test(code) && usccCheckCharacter(code.slice(0, 17)) === code[17];
}

/** True when the normalized id has the shape of a USCC, so it must carry a valid check character. */
export function looksLikeUnifiedSocialCreditCode(code: string): boolean {
  return usccShape.test(code);
}

/**
 * Rules for a normalized tax id: an id shaped like a USCC must pass its check; any other country's id is accepted
 * as 5-30 characters of A-Z and 0-9 (we do not know the country, so we cannot check more).
 */
export function checkTaxId(normalized: string, path: (string | number)[] = ['taxId']): Violation[] {
  if (looksLikeUnifiedSocialCreditCode(normalized)) {
    return isValidUnifiedSocialCreditCode(normalized)
      ? []
      : [violation(path, 'uscc_check', `"${normalized}" is not a valid unified social credit code (check character)`)];
  }
  if (!otherTaxIdShape.test(normalized)) {
    return [violation(path, 'tax_id_format', 'a tax id has 5 to 30 letters A-Z and digits')];
  }
  return [];
}
