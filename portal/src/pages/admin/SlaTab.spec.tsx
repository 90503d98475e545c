/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { SlaTab } from './SlaTab';

const targets = { firstResponse: 60, nextResponse: 120, resolution: 480 };
const grades = { A: targets, B: targets, C: targets, none: targets };
const hours = [{ start: '09:00', end: '18:00' }];
const calendar = {
  id: 'cal-1',
  name: 'China office hours',
  timeZone: 'Asia/Shanghai',
  version: 1,
  updatedAt: '2026-11-02T01:00:00Z',
  weeklyHours: {
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: [],
    sunday: [],
  },
  holidays: [],
  closures: [],
  makeUpDays: [],
};
const policy = {
  id: 'pol-1',
  name: 'Standard',
  isDefault: true,
  version: 1,
  updatedBy: 'admin1',
  updatedAt: '2026-11-02T01:00:00Z',
  calendar: { id: 'cal-1', name: 'China office hours' },
  targets: { urgent: grades, high: grades, normal: grades, low: grades },
  complaintOverride: { urgent: targets, high: targets, normal: targets, low: targets },
};
const connection = <T,>(nodes: T[], totalCount: number) => ({
  edges: nodes.map((node) => ({ node })),
  pageInfo: { endCursor: 'end', hasNextPage: totalCount > nodes.length },
  totalCount,
  totalCountIsEstimate: false,
});

describe('SlaTab', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows a page of policies and of calendars with their totals, and offers every calendar to a new policy', async () => {
    const { client, sent } = fakeClient({
      AdminSlaPolicies: () => ({ data: { slaPolicies: connection([policy], 41) } }),
      AdminBusinessCalendars: () => ({ data: { businessCalendars: connection([calendar], 3) } }),
      AdminCalendarOptions: (op) => {
        const after = (op.variables as { after: string | null }).after;
        const node = after
          ? { id: 'cal-2', name: 'Shenzhen 24/7', timeZone: 'Asia/Shanghai' }
          : { id: 'cal-1', name: 'China office hours', timeZone: 'Asia/Shanghai' };
        return {
          data: {
            businessCalendars: { edges: [{ node }], pageInfo: { endCursor: 'c1', hasNextPage: !after } },
          },
        };
      },
    });
    render(
      <SalesPageHarness client={client} portal={signedInAs(['crm-admin'])}>
        <SlaTab />
      </SalesPageHarness>,
    );
    expect(await screen.findByText('Standard')).toBeTruthy();
    expect(await screen.findByText('41 in total')).toBeTruthy();
    expect(await screen.findByText('China office hours · Asia/Shanghai')).toBeTruthy();
    expect(screen.getByText('3 in total')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New SLA policy' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(sent.filter((op) => (op.variables as { first?: number }).first === 100)).toHaveLength(2),
    );
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: /calendar/i }));
    expect(await screen.findByText('Shenzhen 24/7 · Asia/Shanghai')).toBeTruthy();
  });
});
