import type { PeriodKind } from '../../graphql/gen/graphql';

/** The first day (YYYY-MM-DD) of the period of `kind` holding `today`, moved by `offset` periods (fiscal year = calendar year). */
export function periodStart(kind: PeriodKind, today: string, offset = 0): string {
  const [year, month] = today.split('-').map(Number);
  const months = kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12;
  const first = Math.floor((year * 12 + month - 1) / months) * months + offset * months;
  const y = Math.floor(first / 12);
  const m = (first % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
