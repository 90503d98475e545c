import { createDataSource } from '@crm/platform/db';
import type { DataSource } from 'typeorm';
import { AccountEntity } from './account.entity';
import { ActivityEntity } from './activity.entity';
import { ContactEntity } from './contact.entity';
import { CustomFieldDefinitionEntity } from './custom-field-definition.entity';
import { InitialSchema1763856000000 } from './migrations/1763856000000-initial-schema';

export const customerMigrations = [InitialSchema1763856000000];

export function customerDataSource(url: string, poolSize = 10): DataSource {
  return createDataSource({
    url,
    entities: [AccountEntity, ContactEntity, ActivityEntity, CustomFieldDefinitionEntity],
    migrations: customerMigrations,
    poolSize,
    applicationName: 'crm-customer',
  });
}
