/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { SlaCountdown } from './SlaCountdown';

const start = new Date('2026-03-02T08:00:00.000Z');
const inMinutes = (m: number): string => new Date(start.getTime() + m * 60_000).toISOString();

function countdown(): HTMLElement {
  return document.querySelector<HTMLElement>('.sla-countdown')!;
}

describe('SlaCountdown', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts down every second, turns amber at the warning instant and red (overdue) at the deadline', async () => {
    await initI18n('en');
    render(<SlaCountdown deadline={inMinutes(2)} warningAt={inMinutes(1)} />);
    expect(screen.getByText('2m 00s left')).toBeTruthy();
    expect(countdown().dataset.urgency).toBe('onTrack');

    act(() => jest.advanceTimersByTime(1_000));
    expect(screen.getByText('1m 59s left')).toBeTruthy();

    act(() => jest.advanceTimersByTime(59_000));
    expect(screen.getByText('At risk: 1m 00s left')).toBeTruthy();
    expect(countdown().dataset.urgency).toBe('atRisk');

    act(() => jest.advanceTimersByTime(60_000));
    expect(screen.getByText('Overdue 0m 00s')).toBeTruthy();
    expect(countdown().dataset.urgency).toBe('breached');

    act(() => jest.advanceTimersByTime(35 * 60_000));
    expect(screen.getByText('Overdue 35m 00s')).toBeTruthy();
  });

  it('shows hours and days in two units, and a deadline past long ago as overdue', async () => {
    await initI18n('en');
    const { rerender } = render(<SlaCountdown deadline={inMinutes(134)} />);
    expect(screen.getByText('2h 14m left')).toBeTruthy();
    rerender(<SlaCountdown deadline={inMinutes(60 * 27)} />);
    expect(screen.getByText('1d 3h left')).toBeTruthy();
    rerender(<SlaCountdown deadline={inMinutes(-95)} />);
    expect(screen.getByText('Overdue 1h 35m')).toBeTruthy();
  });

  it('speaks Chinese, and a paused clock says so without counting down', async () => {
    await initI18n('zh-CN');
    const { rerender } = render(<SlaCountdown deadline={inMinutes(134)} warningAt={inMinutes(200)} />);
    expect(screen.getByText('剩余 2小时14分')).toBeTruthy();
    rerender(<SlaCountdown deadline={inMinutes(134)} paused />);
    expect(screen.getByText('已暂停：剩余 2小时14分')).toBeTruthy();
    rerender(<SlaCountdown deadline={inMinutes(1)} warningAt={inMinutes(0)} />);
    expect(screen.getByText('即将超时：剩余 1分00秒')).toBeTruthy();
    act(() => jest.advanceTimersByTime(61_000));
    expect(screen.getByText('已超时 0分01秒')).toBeTruthy();
    rerender(<SlaCountdown deadline={null} />);
    expect(screen.getByText('无待办时限')).toBeTruthy();
  });
});
