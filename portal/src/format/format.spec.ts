import { formatDate, formatDateTime, formatMoney, todayIn } from './format';

describe('formatting for the user', () => {
  it('formats money from its decimal string in the currency and locale, without float rounding', () => {
    expect(formatMoney({ amount: '1234567.89', currencyCode: 'CNY' }, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney({ amount: '1234567.89', currencyCode: 'USD' }, 'en')).toBe('$1,234,567.89');
    expect(formatMoney({ amount: '9007199254740993.01', currencyCode: 'USD' }, 'en')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoney({ amount: '1500', currencyCode: 'JPY' }, 'en')).toBe('¥1,500');
  });

  it('shows an instant in the user time zone and names the zone', () => {
    const shown = formatDateTime('2026-03-01T23:30:00Z', 'en', 'Asia/Shanghai');
    expect(shown).toContain('Mar 2, 2026');
    expect(shown).toContain('7:30');
    expect(shown).toMatch(/GMT\+8/);
  });

  it('keeps a calendar date on its day whatever the zone', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDate('2026-03-01', 'zh-CN')).toBe('2026年3月1日');
  });

  it('knows that it is already tomorrow in Shanghai', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(todayIn('America/New_York', new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-01');
  });
});
