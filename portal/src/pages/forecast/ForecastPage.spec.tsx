/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import type { ForecastViewQuery } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { ForecastPage } from './ForecastPage';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const figures = (closed: string) => ({
  closed: cny(closed),
  commit: cny('0.00'),
  bestCase: cny('0.00'),
  pipeline: cny('0.00'),
  weightedPipeline: cny('0.00'),
});

const teamForecast: ForecastViewQuery = {
  users: {
    edges: [
      { node: { id: 'rep-1', displayName: 'Emma Eastwood' } },
      { node: { id: 'rep-2', displayName: 'Lei Wang' } },
    ],
  },
  forecast: {
    companyCurrency: 'CNY',
    asOf: '2026-11-30',
    period: { label: 'FY2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    reps: [
      { ownerId: 'rep-1', quota: cny('1000000.00'), attainment: '0.3000', figures: figures('300000.00') },
      { ownerId: 'rep-2', quota: null, attainment: null, figures: figures('0.00') },
    ],
    team: {
      teamId: 'sales-east',
      quota: cny('1000000.00'),
      attainment: '0.3000',
      figures: figures('300000.00'),
      adjusted: null,
    },
  },
} as unknown as ForecastViewQuery;

describe('ForecastPage', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it("names a managed team's reps (not their ids) beside their figures and attainment", async () => {
    const { client, sent } = fakeClient({ ForecastView: () => ({ data: teamForecast }) });
    const manager = signedInAs(['sales-manager'], 'manager-1');
    render(
      <SalesPageHarness client={client} portal={{ ...manager, user: { ...manager.user, teams: ['sales-east'] } }}>
        <ForecastPage />
      </SalesPageHarness>,
    );
    const emma = (await screen.findByText('Emma Eastwood')).closest('tr') as HTMLElement;
    expect(within(emma).getByText('30%')).toBeTruthy();
    expect(within(emma).getByText('CN¥300,000.00')).toBeTruthy();
    expect(screen.getByText('Lei Wang')).toBeTruthy();
    expect(screen.queryByText('rep-1')).toBeNull();
    expect(sent[0].variables).toMatchObject({ teamId: 'sales-east', withNames: true });
  });
});
