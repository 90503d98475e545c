/** @jest-environment jsdom */
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { AdminCalendarOptionsQuery } from '../pages/admin/sla-queries';
import { fakeClient } from '../test-support/sales-page-harness';
import { useAllPages } from './use-all-pages';

const calendar = (n: number) => ({ id: `cal-${n}`, name: `Calendar ${n}`, timeZone: 'Asia/Shanghai' });
const noVariables = {};

describe('useAllPages', () => {
  it('reads every page, 100 at a time, following the end cursor until no page follows', async () => {
    const { client, sent } = fakeClient({
      AdminCalendarOptions: (op) => {
        const after = (op.variables as { after: string | null }).after;
        const start = after ? Number(after) : 0;
        const nodes = Array.from({ length: start < 200 ? 100 : 30 }, (_, i) => calendar(start + i));
        return {
          data: {
            businessCalendars: {
              edges: nodes.map((node) => ({ node })),
              pageInfo: { endCursor: String(start + nodes.length), hasNextPage: start < 200 },
            },
          },
        };
      },
    });
    const wrapper = ({ children }: { children: ReactNode }) => <Provider value={client}>{children}</Provider>;
    const { result } = renderHook(
      () => useAllPages(AdminCalendarOptionsQuery, noVariables, (data) => data.businessCalendars),
      { wrapper },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.rows.map((c) => c.id)).toEqual(Array.from({ length: 230 }, (_, i) => `cal-${i}`));
    expect(sent.map((op) => op.variables)).toEqual([
      { first: 100, after: null },
      { first: 100, after: '100' },
      { first: 100, after: '200' },
    ]);
    expect(result.current.error).toBeNull();
  });
});
