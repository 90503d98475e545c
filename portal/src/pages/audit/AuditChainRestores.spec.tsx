/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { AuditChainRestores } from './AuditChainRestores';

const portal = (locale: string) =>
  ({
    user: { id: 'auditor', username: 'auditor1', displayName: 'Auditor One', roles: ['auditor'], teamIds: [] },
    locale,
    timeZone: 'Asia/Shanghai',
  }) as unknown as PortalContextValue;

const restore = {
  seq: 41,
  at: '2026-11-30T18:05:00Z',
  by: 'ops:sre-ana',
  reason: 'restored from the 02:00 backup (INC-42)',
  fromCheckpoint: 44,
  restoredHeadSeq: 40,
};

describe('AuditChainRestores', () => {
  it('tells the auditor a verified chain was re-anchored after a restore: who, when, why, what was kept', async () => {
    await initI18n('en');
    render(
      <PortalContext.Provider value={portal('en')}>
        <AuditChainRestores restores={[restore]} />
      </PortalContext.Provider>,
    );
    expect(screen.getByText('Re-anchored after a database restore')).toBeTruthy();
    expect(
      screen.getByText(
        /^Row 41, .*2026.*: ops:sre-ana re-anchored the chain\. The restore kept rows up to 40; the last checkpoint before it was at row 44\.$/,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Reason: restored from the 02:00 backup (INC-42)')).toBeTruthy();
  });

  it('says it in Chinese', async () => {
    await initI18n('zh-CN');
    render(
      <PortalContext.Provider value={portal('zh-CN')}>
        <AuditChainRestores restores={[restore]} />
      </PortalContext.Provider>,
    );
    expect(screen.getByText('数据库恢复后已重新锚定')).toBeTruthy();
    expect(screen.getByText(/^第 41 行（.*）：ops:sre-ana 重新锚定了哈希链。恢复保留至第 40 行；/)).toBeTruthy();
    expect(screen.getByText('原因：restored from the 02:00 backup (INC-42)')).toBeTruthy();
  });

  it('shows nothing for a chain never restored', async () => {
    await initI18n('en');
    const { container } = render(
      <PortalContext.Provider value={portal('en')}>
        <AuditChainRestores restores={[]} />
      </PortalContext.Provider>,
    );
    expect(container.textContent).toBe('');
  });
});
