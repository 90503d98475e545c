/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { ForecastPage } from './ForecastPage';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const figures = {
  closed: cny('0.00'),
  commit: cny('0.00'),
  bestCase: cny('0.00'),
  pipeline: cny('120000.00'),
  weightedPipeline: cny('12000.00'),
};
const forecast = {
  companyCurrency: 'CNY',
  asOf: '2026-12-01',
  period: { label: 'FY2026-Q4', start: '2026-10-01', end: '2026-12-31' },
  reps: [
    {
      ownerId: 'user-1',
      owner: { id: 'user-1', displayName: 'Emma Eastwood' },
      quota: null,
      attainment: null,
      figures,
    },
  ],
  team: null,
};
const emptyPage = {
  totalCount: 0,
  totalCountIsEstimate: false,
  pageInfo: { endCursor: null, hasNextPage: false },
  edges: [],
};

function renderAs(roles: string[]): void {
  renderSignedIn(roles, <ForecastPage />, {
    ForecastView: () => ({ data: { forecast } }),
    ForecastSnapshots: () => ({ data: { forecastSnapshots: emptyPage } }),
    ForecastQuotas: () => ({ data: { quotas: emptyPage } }),
  });
}

describe('the forecast page offers only the actions the sales service allows the role', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows an auditor the forecast without recording a snapshot', async () => {
    renderAs(['auditor']);
    expect(await screen.findByText('FY2026-Q4')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record snapshot' })).toBeNull();
  });

  it.each([['sales-rep'], ['finance']])('lets %s record a snapshot', async (role) => {
    renderAs([role]);
    expect(await screen.findByText('FY2026-Q4')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record snapshot' })).toBeTruthy();
  });
});
