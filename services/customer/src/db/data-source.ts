import { createDataSource } from '@crm/platform/db';
import type { DataSource } from 'typeorm';
import { AccountEntity } from './account.entity';
import { ActivityEntity } from './activity.entity';
import { ContactEntity } from './contact.entity';
import { CustomFieldDefinitionEntity } from './custom-field-definition.entity';
import { InitialSchema1763856000000 } from './migrations/1763856000000-initial-schema';
import { AccessControl1763900000000 } from './migrations/1763900000000-access-control';
import { AuditLog1763900100000 } from './migrations/1763900100000-audit-log';
import { GinKeyLookups1763900200000 } from './migrations/1763900200000-gin-key-lookups';
import { TicketAssignments1763900300000 } from './migrations/1763900300000-ticket-assignments';
import { CustomFieldArchive1764600000000 } from './migrations/1764600000000-custom-field-archive';
import { Descriptions1764600100000 } from './migrations/1764600100000-descriptions';
import { PurgeChildRows1764600200000 } from './migrations/1764600200000-purge-child-rows';
import { OutboxDelivery1764600300000 } from './migrations/1764600300000-outbox-delivery';
import { CreationKeys1764700000000 } from './migrations/1764700000000-creation-keys';
import { GrantExpiryAnnouncements1764700100000 } from './migrations/1764700100000-grant-expiry-announcements';
import { TicketAccountTeams1764700200000 } from './migrations/1764700200000-ticket-account-teams';
import { FollowUpDue1765100000000 } from './migrations/1765100000000-follow-up-due';
import { SavedAccountViews1765100100000 } from './migrations/1765100100000-saved-account-views';

export const customerMigrations = [
  InitialSchema1763856000000,
  AccessControl1763900000000,
  AuditLog1763900100000,
  GinKeyLookups1763900200000,
  TicketAssignments1763900300000,
  CustomFieldArchive1764600000000,
  Descriptions1764600100000,
  PurgeChildRows1764600200000,
  OutboxDelivery1764600300000,
  CreationKeys1764700000000,
  GrantExpiryAnnouncements1764700100000,
  TicketAccountTeams1764700200000,
  FollowUpDue1765100000000,
  SavedAccountViews1765100100000,
];

export function customerDataSource(url: string, poolSize = 10): DataSource {
  return createDataSource({
    url,
    entities: [AccountEntity, ContactEntity, ActivityEntity, CustomFieldDefinitionEntity],
    migrations: customerMigrations,
    poolSize,
    applicationName: 'crm-customer',
  });
}
