import { createDataSource } from '@crm/platform/db';
import type { DataSource } from 'typeorm';
import { InitialSchema1764800000000 } from './migrations/1764800000000-initial-schema';
import { SharedSalesModel1764800100000 } from './migrations/1764800100000-shared-sales-model';
import { Leads1764810000000 } from './migrations/1764810000000-leads';
import { OpportunityEntity } from './opportunity.entity';
import { PipelineEntity, StageEntity } from './pipeline.entity';

export const salesMigrations = [InitialSchema1764800000000, SharedSalesModel1764800100000, Leads1764810000000];

export function salesDataSource(url: string, poolSize = 10): DataSource {
  return createDataSource({
    url,
    entities: [PipelineEntity, StageEntity, OpportunityEntity],
    migrations: salesMigrations,
    poolSize,
    applicationName: 'crm-sales-pipeline',
  });
}
