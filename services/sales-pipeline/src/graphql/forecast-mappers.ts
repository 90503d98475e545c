import type { CountedConnection } from '@crm/platform/graphql';
import type { ExchangeRateRow } from '../application/exchange-rate-service';
import type { ForecastSnapshot } from '../application/forecast-snapshots';
import type { ForecastView } from '../application/forecast-service';
import type { QuotaRow } from '../db/forecast-rows';
import type { AdjustedTeamForecast } from '../domain/forecast-adjustment';

/** What the resolvers of the exchange-rate, forecast and quota types really return (mappers of the generated types). */
export type ExchangeRateCountedConnection = CountedConnection<ExchangeRateRow>;
export type ForecastSnapshotCountedConnection = CountedConnection<ForecastSnapshot>;
export type QuotaCountedConnection = CountedConnection<QuotaRow>;
export type ForecastScopeView = ForecastView['scope'];
export type ForecastAdjustmentView = NonNullable<AdjustedTeamForecast['adjusted']>;
