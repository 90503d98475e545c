/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import type {
  ForecastFiguresFieldsFragment,
  ForecastLinesFieldsFragment,
  ForecastSnapshotsQuery,
} from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { ForecastSnapshotsCard } from './ForecastSnapshotsCard';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const figures = (commit: string): ForecastFiguresFieldsFragment => ({
  closed: cny('0.00'),
  commit: cny(commit),
  bestCase: cny(commit),
  pipeline: cny('120000.00'),
  weightedPipeline: cny('12000.00'),
});
const leiWang = '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a02';

/** The team's forecast with Lei Wang's commit at `commit`. */
const forecastWith = (commit: string): ForecastLinesFieldsFragment => ({
  companyCurrency: 'CNY',
  asOf: '2026-12-01',
  period: { label: 'FY2026-Q4', start: '2026-10-01', end: '2026-12-31' },
  reps: [
    {
      ownerId: leiWang,
      owner: { id: leiWang, displayName: 'Lei Wang' },
      quota: cny('750000.00'),
      attainment: '0.0000',
      figures: figures(commit),
    },
  ],
  team: null,
});

const snapshots: ForecastSnapshotsQuery = {
  forecastSnapshots: {
    totalCount: 1,
    totalCountIsEstimate: false,
    pageInfo: { endCursor: 'c1', hasNextPage: false },
    edges: [
      {
        cursor: 'c1',
        node: {
          id: 'snap-1',
          reason: 'REQUESTED',
          computedAt: '2026-12-01T02:40:00Z',
          computedByUser: { id: 'user-1', displayName: 'Emma Eastwood' },
          forecast: forecastWith('0.00'),
        },
      },
    ],
  },
};

describe('the forecast snapshots card', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('compares a snapshot with the forecast as it is when the comparison opens, not as the page last loaded it', async () => {
    // The deal moved into commit after the page loaded: only a fresh read of the forecast knows.
    const { client, sent } = fakeClient({
      ForecastSnapshots: () => ({ data: snapshots }),
      ForecastView: () => ({ data: { forecast: forecastWith('120000.00') } }),
    });
    render(
      <SalesPageHarness client={client} portal={signedInAs(['sales-manager'])}>
        <ForecastSnapshotsCard
          period={{ kind: 'QUARTER', start: '2026-10-01' }}
          scope={{ teamId: 'sales-east' }}
          canRecord
        />
      </SalesPageHarness>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Compare with now' }));
    const dialog = await screen.findByRole('dialog');
    const row = (await within(dialog).findByText('Lei Wang')).closest('tr')!;
    expect(row.textContent).toContain('was CN¥0.00 (+CN¥120,000.00)');
    // The comparison scrolls sideways on a phone: the keyboard can reach its scrolling box.
    const box = within(dialog).getByRole('region', { name: 'Compare with now' });
    expect(box.tabIndex).toBe(0);
    expect(box.contains(row)).toBe(true);
    const reads = sent.filter((op) =>
      op.query.definitions.some((d) => 'name' in d && d.name?.value === 'ForecastView'),
    );
    expect(reads.map((op) => op.variables)).toEqual([
      { period: { kind: 'QUARTER', start: '2026-10-01' }, scope: { teamId: 'sales-east' } },
    ]);
  });
});
