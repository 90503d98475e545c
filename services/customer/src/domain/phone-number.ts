// Phone numbers are stored in E.164 ('+8613812345678'). Mainland China is checked closely (mobiles, area-coded
// landlines, 400/800 numbers); other countries by calling code and E.164 length, NANP numbers by their shape.

interface CountryDialing {
  callingCode: string;
  /** Digit dialled before a national number inside the country and dropped in E.164 ('0' in most of the world). */
  trunkPrefix: string | null;
  /** Prefix for calling abroad from this country (besides '+'). */
  internationalPrefix: string;
}

const dialingPlans: Readonly<Record<string, CountryDialing>> = {
  CN: { callingCode: '86', trunkPrefix: '0', internationalPrefix: '00' },
  HK: { callingCode: '852', trunkPrefix: null, internationalPrefix: '001' },
  MO: { callingCode: '853', trunkPrefix: null, internationalPrefix: '00' },
  TW: { callingCode: '886', trunkPrefix: '0', internationalPrefix: '002' },
  US: { callingCode: '1', trunkPrefix: '1', internationalPrefix: '011' },
  CA: { callingCode: '1', trunkPrefix: '1', internationalPrefix: '011' },
  GB: { callingCode: '44', trunkPrefix: '0', internationalPrefix: '00' },
  DE: { callingCode: '49', trunkPrefix: '0', internationalPrefix: '00' },
  FR: { callingCode: '33', trunkPrefix: '0', internationalPrefix: '00' },
  JP: { callingCode: '81', trunkPrefix: '0', internationalPrefix: '010' },
  KR: { callingCode: '82', trunkPrefix: '0', internationalPrefix: '00' },
  SG: { callingCode: '65', trunkPrefix: null, internationalPrefix: '000' },
  AU: { callingCode: '61', trunkPrefix: '0', internationalPrefix: '0011' },
  IN: { callingCode: '91', trunkPrefix: '0', internationalPrefix: '00' },
};

/** The countries whose national numbers `normalizePhone` understands without a '+'. */
export const supportedPhoneCountries: readonly string[] = Object.keys(dialingPlans);

const chineseMobile = /^1[3-9]\d{9}$/;
// Area code without its trunk 0: two digits (10 Beijing, 2x) before 8 local digits, three digits before 7 or 8.
const chineseLandline = /^(?:(?:10|2\d)\d{8}|[3-9]\d{2}\d{7,8})$/;
const chineseServiceNumber = /^[48]00\d{7}$/;
const nanpNumber = /^[2-9]\d{2}[2-9]\d{6}$/;

/** A Chinese number without calling code or trunk 0; landlines only where an area code is certain to be present. */
function chineseNational(digits: string, withAreaCode: boolean): string | null {
  if (chineseMobile.test(digits) || chineseServiceNumber.test(digits)) return `+86${digits}`;
  return withAreaCode && chineseLandline.test(digits) ? `+86${digits}` : null;
}

function international(digits: string): string | null {
  if (digits.startsWith('86')) {
    // '+86 (0)10 ...' carries the trunk 0 by mistake; E.164 has none.
    const national = digits.slice(2);
    return chineseNational(national.startsWith('0') ? national.slice(1) : national, true);
  }
  if (digits.startsWith('1')) return nanpNumber.test(digits.slice(1)) ? `+${digits}` : null;
  if (digits.startsWith('0') || digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

function national(digits: string, plan: CountryDialing): string | null {
  if (plan.callingCode === '86') {
    if (digits.startsWith('0')) return chineseNational(digits.slice(1), true);
    // Mobiles and 400/800 numbers are dialled without a trunk prefix; '86' without a plus is common in exports.
    return chineseNational(digits, false) ?? (digits.startsWith('86') ? international(digits) : null);
  }
  if (plan.callingCode === '1') {
    const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
    return nanpNumber.test(ten) ? `+1${ten}` : null;
  }
  let subscriber = digits;
  if (plan.trunkPrefix !== null && subscriber.startsWith(plan.trunkPrefix)) subscriber = subscriber.slice(1);
  if (subscriber.startsWith('0') || subscriber.length < 6) return null;
  const e164 = plan.callingCode + subscriber;
  return e164.length <= 15 ? `+${e164}` : null;
}

/**
 * A phone number in E.164, or null when it cannot be one. Accepts '+', '00' (or the country's international prefix),
 * spaces, dashes, dots, parentheses and full-width digits; a number without '+' is read in `defaultCountry`.
 */
export function normalizePhone(raw: string, defaultCountry = 'CN'): string | null {
  const plan = dialingPlans[defaultCountry.toUpperCase()];
  if (!plan) return null;
  const text = raw.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-()./]+$/.test(text)) return null;
  const hasPlus = text.startsWith('+');
  const digits = text.replace(/\D/g, '');
  if (digits === '') return null;
  if (hasPlus) return international(digits);
  if (digits.startsWith(plan.internationalPrefix)) return international(digits.slice(plan.internationalPrefix.length));
  if (digits.startsWith('00')) return international(digits.slice(2));
  return national(digits, plan);
}
