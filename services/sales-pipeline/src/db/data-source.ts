import { createDataSource } from '@crm/platform/db';
import type { DataSource } from 'typeorm';
import { InitialSchema1764800000000 } from './migrations/1764800000000-initial-schema';
import { SharedSalesModel1764800100000 } from './migrations/1764800100000-shared-sales-model';
import { Leads1764810000000 } from './migrations/1764810000000-leads';
import { Quotes1764830000000 } from './migrations/1764830000000-quotes';
import { PaymentPlansAndFinance1764840000000 } from './migrations/1764840000000-payment-plans-and-finance';
import { ForecastAndQuotas1764850000000 } from './migrations/1764850000000-forecast-and-quotas';
import { AccountFactsOrder1764860000000 } from './migrations/1764860000000-account-facts-order';
import { AccountFactsGrade1764870000000 } from './migrations/1764870000000-account-facts-grade';
import { OpportunityNameSearch1765100000000 } from './migrations/1765100000000-opportunity-name-search';
import { OpportunityEntity } from './opportunity.entity';
import { PipelineEntity, StageEntity } from './pipeline.entity';

export const salesMigrations = [
  InitialSchema1764800000000,
  SharedSalesModel1764800100000,
  Leads1764810000000,
  Quotes1764830000000,
  PaymentPlansAndFinance1764840000000,
  ForecastAndQuotas1764850000000,
  AccountFactsOrder1764860000000,
  AccountFactsGrade1764870000000,
  OpportunityNameSearch1765100000000,
];

export function salesDataSource(url: string, poolSize = 10): DataSource {
  return createDataSource({
    url,
    entities: [PipelineEntity, StageEntity, OpportunityEntity],
    migrations: salesMigrations,
    poolSize,
    applicationName: 'crm-sales-pipeline',
  });
}
