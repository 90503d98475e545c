// Dated exchange rates maintained by finance: one unit of `currency` is worth `rate` units of the company currency
// from `effectiveOn` on, until a later rate takes over.
import { parseCalendarDate } from './calendar-date';
import { Exact, decimalText, parseDecimal } from './exact-decimal';
import { money, parseCurrency, roundMoney, type Money } from './money';
import { ViolationCollector, preconditionFailed } from './rule-errors';

export interface ExchangeRate {
  currency: string;
  companyCurrency: string;
  /** Decimal text: 1 `currency` = `rate` `companyCurrency`. */
  rate: string;
  /** 'YYYY-MM-DD' */
  effectiveOn: string;
}

/** The rate a figure was converted at, recorded with every roll-up; the company currency converts at 1 with no date. */
export interface AppliedRate {
  currency: string;
  rate: string;
  effectiveOn: string | null;
}

/** Digits after the point a rate may carry (trailing zeros not counted). */
export const rateMaxFractionDigits = 10;

/** The latest rate of `currency` effective on or before `date`; identity for the company currency. */
export function rateOn(rates: ExchangeRate[], currency: string, companyCurrency: string, date: string): AppliedRate {
  if (currency === companyCurrency) return { currency, rate: '1', effectiveOn: null };
  const latest = rates
    .filter((r) => r.currency === currency && r.companyCurrency === companyCurrency && r.effectiveOn <= date)
    .reduce<ExchangeRate | null>((best, r) => (best === null || r.effectiveOn > best.effectiveOn ? r : best), null);
  if (latest === null) {
    throw preconditionFailed(
      ['currency'],
      'exchange_rate',
      `no ${currency} to ${companyCurrency} rate is effective on or before ${date}: finance must add one`,
    );
  }
  return { currency, rate: latest.rate, effectiveOn: latest.effectiveOn };
}

export interface Conversion {
  converted: Money;
  rate: string;
  rateEffectiveOn: string | null;
}

/** `m` in the company currency at the rate of `date`, rounded half-even to the company currency's minor unit. */
export function convert(m: Money, rates: ExchangeRate[], companyCurrency: string, date: string): Conversion {
  const applied = rateOn(rates, m.currency, companyCurrency, date);
  const converted = roundMoney(money(new Exact(m.amount).times(applied.rate), companyCurrency));
  return { converted, rate: applied.rate, rateEffectiveOn: applied.effectiveOn };
}

/** Exact (unrounded) company-currency value, for sums that round once at the end. */
export function convertExact(m: Money, applied: AppliedRate): Exact {
  return new Exact(m.amount).times(applied.rate);
}

/** Checks a rate finance is about to add; every broken rule is reported at once. */
export function validateExchangeRate(input: Record<string, unknown>): ExchangeRate {
  const check = new ViolationCollector();
  const currency = check.read(() => parseCurrency(input.currency, ['currency']), '');
  const companyCurrency = check.read(() => parseCurrency(input.companyCurrency, ['companyCurrency']), '');
  const rateBounds = { maxFractionDigits: rateMaxFractionDigits, min: '0', minExclusive: true };
  const rate = check.read(() => decimalText(parseDecimal(input.rate, ['rate'], rateBounds)), '');
  const effectiveOn = check.read(() => parseCalendarDate(input.effectiveOn, ['effectiveOn']), '');
  if (currency && currency === companyCurrency) {
    check.add(['currency'], 'not_company_currency', 'must differ from the company currency');
  }
  check.throwIfAny();
  return { currency, companyCurrency, rate, effectiveOn };
}
