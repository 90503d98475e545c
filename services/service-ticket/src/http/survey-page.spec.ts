import { renderSurveyPage } from './survey-page';

const form = { kind: 'form' as const, ticketNumber: 'TK-2026-000123', ticketSubject: 'Printer <b>jammed</b>' };

describe('survey page', () => {
  it('shows the ticket, a 1-5 rating and a comment box, in English', () => {
    const html = renderSurveyPage(form, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('TK-2026-000123');
    for (const rating of ['1', '2', '3', '4', '5'])
      expect(html).toContain(`<input type="radio" name="rating" value="${rating}" required>`);
    expect(html).toContain('<textarea id="comment" name="comment" maxlength="2000">');
    expect(html).toContain('<form method="post" action="?lang=en">');
    expect(html).toContain('<a href="?lang=zh" hreflang="zh">中文</a>');
  });

  it('speaks Chinese, with a link back to English', () => {
    const html = renderSurveyPage(form, 'zh');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('您的工单 TK-2026-000123 已解决');
    expect(html).toContain('<a href="?lang=en" hreflang="en">English</a>');
  });

  it('escapes what the customer or the agent wrote', () => {
    const html = renderSurveyPage(
      {
        ...form,
        ticketSubject: '"><script>alert(1)</script>',
        values: { comment: '</textarea><img src=x onerror=alert(1)>' },
      },
      'en',
    );
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<form method="post" action="?lang=en">'); // the page's own markup is intact
  });

  it('names the refused field and the rule, in the page language, keeping what was typed', () => {
    const violations = [{ path: ['rating'], rule: 'integerRange', message: 'must be a whole number from 1 to 5' }];
    const en = renderSurveyPage({ ...form, violations, values: { rating: '9', comment: 'slow' } }, 'en');
    expect(en).toContain('<li>Rating: must be a whole number from 1 to 5</li>');
    expect(en).toContain('>slow</textarea>');
    const zh = renderSurveyPage({ ...form, violations, values: { rating: '4' } }, 'zh');
    expect(zh).toContain('<li>评分: 必须是 1 到 5 之间的整数</li>');
    expect(zh).toContain('value="4" required checked');
  });

  it.each([
    ['answered', 'Already answered', '已评价'],
    ['expired', 'Link expired', '链接已过期'],
    ['invalid', 'Invalid link', '链接无效'],
    ['thanks', 'Thank you', '感谢您的反馈'],
  ] as const)('has a clear %s page in both languages', (kind, english, chinese) => {
    expect(renderSurveyPage({ kind }, 'en')).toContain(`<h1>${english}</h1>`);
    expect(renderSurveyPage({ kind }, 'zh')).toContain(`<h1>${chinese}</h1>`);
  });

  it('has no script, no event handler and nothing loaded from elsewhere', () => {
    for (const page of [form, { kind: 'answered' as const }]) {
      const html = renderSurveyPage(page, 'en');
      expect(html).not.toMatch(/<script|\son\w+=|src=|<link|<iframe/i);
    }
  });
});
