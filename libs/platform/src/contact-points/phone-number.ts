// Phone numbers are read with libphonenumber-js (Google's metadata, 'max' set so landlines are checked per area code)
// and stored in E.164 ('+8613812345678'); an extension is kept after it as RFC 3966 writes it ('+861012345678;ext=123').
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Longer text is not one phone number; the bound also keeps parsing cheap. */
const maxPhoneLength = 64;

/** Country of numbers written without '+' or an international prefix, unless the caller names another. */
export const defaultPhoneCountry = 'CN';

/** Rewrites what libphonenumber-js does not read itself: '(+86)…' and the Chinese extension words (转, 分机). */
function prepare(raw: string): string {
  return (
    raw
      .normalize('NFKC')
      .trim()
      .replace(/^\(\s*\+\s*(\d{1,4})\s*\)/, '+$1 ')
      // No \s* around the word: spaces are harmless to the parser and \s* before it would backtrack.
      .replace(/转|轉|分机|分機/g, ' ext. ')
  );
}

/** Whether national numbers of `country` (ISO 3166-1 alpha-2) can be read: the default country must be one. */
export function isPhoneCountry(country: string): boolean {
  return /^[A-Z]{2}$/.test(country) && isSupportedCountry(country);
}

interface ParsedPhone {
  e164: string;
  extension: string | null;
}

function parsePhone(raw: string, defaultCountry: string): ParsedPhone | null {
  const country = defaultCountry.toUpperCase();
  if (raw.length > maxPhoneLength || !isSupportedCountry(country)) return null;
  // extract: false — the whole cell must be the number, not text with a number somewhere in it.
  const parsed = parsePhoneNumberFromString(prepare(raw), { defaultCountry: country as CountryCode, extract: false });
  if (parsed === undefined || !parsed.isValid()) return null;
  return { e164: parsed.number, extension: parsed.ext ?? null };
}

/**
 * A phone number as stored: E.164, with ';ext=<digits>' when it has an extension; null when it is not a valid number.
 * Reads '+86', '(+86)', '0086', '86' before a mobile, trunk '0' and area codes, spaces, dashes, dots, parentheses,
 * full-width characters and extensions ('ext. 123', 'x123', '#123', '转123'); a national number is read in
 * `defaultCountry`. Normalizing a stored value gives it back unchanged.
 */
export function normalizePhone(raw: string, defaultCountry: string = defaultPhoneCountry): string | null {
  const parsed = parsePhone(raw, defaultCountry);
  if (parsed === null) return null;
  return parsed.extension === null ? parsed.e164 : `${parsed.e164};ext=${parsed.extension}`;
}

/**
 * The key a phone is matched by (duplicates, search): E.164 without the extension, since every extension of a
 * switchboard reaches the same company.
 */
export function phoneKey(raw: string, defaultCountry: string = defaultPhoneCountry): string | null {
  return parsePhone(raw, defaultCountry)?.e164 ?? null;
}
