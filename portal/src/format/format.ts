/** Money as the API sends it: a decimal string (never a float) and an ISO 4217 code. */
export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

/**
 * Formats a decimal amount in its currency for the locale. Intl formats the decimal string itself (no conversion to
 * a float), with the currency's own minor units.
 */
export function formatMoney(money: MoneyValue, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currencyCode });
  return format.format(money.amount as unknown as number);
}

/** A compact amount for kanban column totals (e.g. ¥1.2M / ¥120万). */
export function formatMoneyCompact(money: MoneyValue, locale: string): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currencyCode,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return format.format(money.amount as unknown as number);
}

/** A percentage given as a decimal string of percent points ("18.0000" → "18%"), at most two decimals. */
export function formatPercent(points: string, locale: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(points as unknown as number)}%`;
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A UTC instant shown in the user's time zone, with the zone named (people compare times across offices). */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, no time zone: a due date is the same day everywhere). */
export function formatDate(date: string, locale: string): string {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** "in 3 h" / "2 天前": a relative time for the locale. */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
