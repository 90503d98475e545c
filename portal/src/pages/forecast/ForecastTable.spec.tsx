/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ForecastFiguresFieldsFragment, ForecastLinesFieldsFragment } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { ForecastTable, useForecastRows } from './ForecastTable';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const figures = (closed: string): ForecastFiguresFieldsFragment => ({
  closed: cny(closed),
  commit: cny('2175426.09'),
  bestCase: cny('4832216.20'),
  pipeline: cny('10412331.91'),
  weightedPipeline: cny('4831082.43'),
});

const forecast: ForecastLinesFieldsFragment = {
  companyCurrency: 'CNY',
  asOf: '2026-11-30',
  period: { label: 'FY2026-Q4', start: '2026-10-01', end: '2026-12-31' },
  reps: [
    {
      ownerId: 'user-1',
      owner: { id: 'user-1', displayName: 'Emma Eastwood' },
      quota: cny('3000000.00'),
      attainment: '0.0000',
      figures: figures('0.00'),
    },
    {
      ownerId: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a02',
      owner: { id: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a02', displayName: 'Lei Wang' },
      quota: null,
      attainment: null,
      figures: figures('2998564.90'),
    },
  ],
  team: {
    teamId: 'sales-east',
    quota: cny('3000000.00'),
    attainment: '0.9995',
    figures: figures('2998564.90'),
    adjusted: null,
  },
};

function Lines(): ReactNode {
  return <ForecastTable rows={useForecastRows(forecast, 'user-1')} />;
}

describe('the forecast table', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('names the team and each rep by display name (the caller as "Me"), never by user id', () => {
    const { client } = fakeClient({});
    render(
      <SalesPageHarness client={client} portal={signedInAs(['sales-manager'])}>
        <Lines />
      </SalesPageHarness>,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Team sales-east (total)',
      'Me',
      'Lei Wang',
    ]);
    expect(document.body.textContent).not.toContain('6f1f6a52');
    expect(within(rows[2]!).getByText('No quota')).toBeTruthy();
  });

  it('keeps every amount on one line: money cells do not wrap, the table scrolls instead', () => {
    const { client } = fakeClient({});
    render(
      <SalesPageHarness client={client} portal={signedInAs(['sales-manager'])}>
        <Lines />
      </SalesPageHarness>,
    );
    const amount = screen.getAllByText('CN¥10,412,331.91')[0]!;
    expect(amount.style.whiteSpace).toBe('nowrap');
    const cells = screen.getAllByTestId('forecast-money');
    // Five figures and the quota per line, three lines.
    expect(cells).toHaveLength(18);
    expect(cells.every((cell) => cell.style.whiteSpace === 'nowrap')).toBe(true);
  });

  it('lets the keyboard scroll the table: its scrolling box takes the focus and is named', () => {
    const { client } = fakeClient({});
    render(
      <SalesPageHarness client={client} portal={signedInAs(['sales-manager'])}>
        <Lines />
      </SalesPageHarness>,
    );
    const box = screen.getByRole('region', { name: 'Forecast' });
    expect(box.tabIndex).toBe(0);
    expect(within(box).getByText('Lei Wang')).toBeTruthy();
  });
});
