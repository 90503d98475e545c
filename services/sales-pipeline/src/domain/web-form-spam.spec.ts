import { defaultSpamSettings, judgeSubmission } from './web-form-spam';

const now = new Date('2026-03-10T12:00:00.000Z');
const ago = (seconds: number) => now.getTime() - seconds * 1000;

describe('web-form spam', () => {
  it.each([
    ['a person after 45 s, empty honeypot', { name: 'Li', website: '', renderedAt: ago(45) }],
    ['exactly the minimum fill time of 3 s', { name: 'Li', renderedAt: ago(3) }],
    ['the rendered time as ISO text', { name: 'Li', renderedAt: new Date(ago(60)).toISOString() }],
    ['the rendered time as epoch text', { name: 'Li', renderedAt: String(ago(60)) }],
    ['a form rendered 24 h ago', { name: 'Li', renderedAt: ago(86400) }],
  ])('accepts %s', (_case, payload) => {
    expect(judgeSubmission(payload, now)).toEqual({ spam: false });
  });

  it.each([
    ['a filled honeypot', { website: 'http://spam.example', renderedAt: ago(45) }, 'honeypot_filled'],
    ['a honeypot holding a number', { website: 0, renderedAt: ago(45) }, 'honeypot_filled'],
    ['a honeypot even when also too fast', { website: 'x', renderedAt: ago(1) }, 'honeypot_filled'],
    ['no rendered time', { name: 'Li' }, 'render_time_missing'],
    ['an unreadable rendered time', { renderedAt: 'yesterday' }, 'render_time_missing'],
    ['a form sent 2.999 s after rendering', { renderedAt: now.getTime() - 2999 }, 'too_fast'],
    ['a rendered time 4 s ahead (within clock skew, but too fast)', { renderedAt: now.getTime() + 4000 }, 'too_fast'],
    ['a rendered time 6 s ahead', { renderedAt: now.getTime() + 6000 }, 'render_time_in_future'],
    ['a form rendered 24 h and 1 s ago', { renderedAt: ago(86401) }, 'form_expired'],
  ])('refuses %s', (_case, payload, reason) => {
    expect(judgeSubmission(payload, now)).toEqual({ spam: true, reason });
  });

  it('follows the form settings', () => {
    const settings = { ...defaultSpamSettings, honeypotField: 'fax', minFillSeconds: 10 };
    expect(
      judgeSubmission({ website: 'filled but not the honeypot here', renderedAt: ago(11) }, now, settings),
    ).toEqual({
      spam: false,
    });
    expect(judgeSubmission({ fax: '1', renderedAt: ago(11) }, now, settings)).toEqual({
      spam: true,
      reason: 'honeypot_filled',
    });
    expect(judgeSubmission({ renderedAt: ago(9) }, now, settings)).toEqual({ spam: true, reason: 'too_fast' });
  });
});
