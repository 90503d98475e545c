/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { initI18n } from '../i18n/i18n';
import { TicketQueueName } from './TicketQueueName';

describe('TicketQueueName', () => {
  it('shows the team’s name, not its id', async () => {
    await initI18n('en');
    render(<TicketQueueName teamId="service-east" queue={{ name: 'Service team East' }} />);
    expect(screen.getByText('Service team East')).toBeTruthy();
    expect(screen.queryByText(/service-east/)).toBeNull();
  });

  it('shows a removed team by its id and says it was removed, in the user’s language', async () => {
    await initI18n('en');
    const { unmount } = render(<TicketQueueName teamId="service-west" queue={null} />);
    expect(screen.getByText('service-west (removed team)')).toBeTruthy();
    unmount();
    await initI18n('zh-CN');
    render(<TicketQueueName teamId="service-west" queue={null} />);
    expect(screen.getByText('service-west（该团队已撤销）')).toBeTruthy();
  });
});
