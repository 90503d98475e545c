/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { TicketHistoryCard, type TicketHistoryEvent } from './TicketHistoryCard';

const me = '11111111-1111-4111-8111-111111111111';
const colleague = '22222222-2222-4222-8222-222222222222';
const leaver = '33333333-3333-4333-8333-333333333333';

const portal = {
  user: { id: me, username: 'agent1', displayName: 'Agent One', roles: ['service-agent'], teamIds: ['service'] },
  locale: 'en',
  timeZone: 'Asia/Shanghai',
} as unknown as PortalContextValue;

const event = (id: string, actorId: string, actor: TicketHistoryEvent['actor']): TicketHistoryEvent => ({
  id,
  fromStatus: 'NEW',
  toStatus: 'IN_PROGRESS',
  at: '2026-11-30T02:00:00Z',
  actorId,
  actor,
  reason: null,
});

describe('TicketHistoryCard', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('names who moved the ticket — me, a colleague, a former user, the system — and never shows a user id', () => {
    const { container } = render(
      <PortalContext.Provider value={portal}>
        <TicketHistoryCard
          events={[
            event('e1', me, { id: me, displayName: 'Agent One' }),
            event('e2', colleague, { id: colleague, displayName: 'Wang Fang' }),
            event('e3', leaver, { id: leaver, displayName: leaver }),
            event('e4', 'system', null),
          ]}
        />
      </PortalContext.Provider>,
    );
    expect(screen.getByText(/^by Me ·/)).toBeTruthy();
    expect(screen.getByText(/^by Wang Fang ·/)).toBeTruthy();
    expect(screen.getByText(/^by A former user ·/)).toBeTruthy();
    expect(screen.getByText(/^by The system ·/)).toBeTruthy();
    expect(container.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
