/** @jest-environment jsdom */
import { render } from '@testing-library/react';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { TimelineChangeList } from './TimelineChangeList';

// The icon package ships ES modules only; the hidden marker's icon is decoration.
jest.mock('@ant-design/icons', () => ({ EyeInvisibleOutlined: () => null }));

const portal = {
  user: { id: 'u-1', username: 'manager.east', displayName: 'Marcus', roles: ['sales-manager'], teamIds: [] },
  locale: 'en',
  timeZone: 'Asia/Shanghai',
} as unknown as PortalContextValue;

const leaver = '33333333-3333-4333-8333-333333333333';

function show(locale: 'en' | 'zh-CN', redacted: ReadonlySet<string> = new Set()): HTMLElement {
  const { container } = render(
    <PortalContext.Provider value={{ ...portal, locale }}>
      <TimelineChangeList
        redacted={redacted}
        changes={[
          {
            field: 'ownerId',
            before: 'u-2',
            after: leaver,
            beforeUser: { id: 'u-2', displayName: 'Emma Eastwood' },
            afterUser: { id: leaver, displayName: leaver },
          },
          { field: 'phones', before: ['+8613800000000'], after: [] },
          { field: 'lifecycleStage', before: 'prospect', after: 'customer' },
          { field: 'creditLimit', before: null, after: { amount: '50000.00', currencyCode: 'CNY' } },
          { field: 'nextFollowUpAt', before: null, after: '2026-12-01T02:00:00.000Z' },
          { field: 'consentSms', before: false, after: true },
          { field: 'loyaltyTier', before: 'silver', after: 'gold' },
        ]}
      />
    </PortalContext.Provider>,
  );
  return container;
}

describe('TimelineChangeList', () => {
  it('names each field and shows both values in the reader’s words: owners by name, money, instants, stages', async () => {
    const errors = jest.spyOn(console, 'error');
    await initI18n('en');
    const list = show('en');
    const rows = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toEqual([
      'Owner: Emma Eastwood → A former user',
      'Phones: +8613800000000 → —',
      'Lifecycle stage: Prospect → Customer',
      'Credit limit: — → CN¥50,000.00',
      expect.stringMatching(/^Next follow-up: — → Dec 1, 2026.*10:00/),
      'Agrees to SMS: No → Yes',
      'Loyalty tier: silver → gold',
    ]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('shows a withheld value as hidden with who may see it, in Chinese too', async () => {
    await initI18n('zh-CN');
    const rows = [...show('zh-CN', new Set(['creditLimit'])).querySelectorAll('li')].map((li) => li.textContent);
    expect(rows[0]).toBe('负责人：Emma Eastwood → 已离职用户');
    expect(rows[2]).toBe('客户阶段：潜在客户 → 成交客户');
    expect(rows[3]).toBe('信用额度： 已隐藏：仅财务、团队经理和 CRM 管理员可见');
  });
});
