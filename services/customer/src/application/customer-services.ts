import type { DataSource } from 'typeorm';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import { defaultPhoneCountry } from '../domain/phone-number';
import type { AuditCheckpoints } from './audit-checkpoints';
import { AccountService } from './account-service';
import { ActivityService } from './activity-service';
import { ContactService } from './contact-service';
import { CustomFieldService } from './custom-fields';
import { AccessRequestService } from './access-request-service';
import { PoolService, type PoolSettings } from './pool-service';
import { SharingService } from './sharing-service';
import { OffboardingService, type OffboardingPolicy } from './offboarding-service';
import type { UserDirectory } from '@crm/platform/auth';

/** The customer service's application layer, built once in main.ts and handed to gRPC, GraphQL and import. */
export interface CustomerServices {
  dataSource: DataSource;
  accounts: AccountService;
  contacts: ContactService;
  activities: ActivityService;
  customFields: CustomFieldService;
  sharing: SharingService;
  accessRequests: AccessRequestService;
  pool: PoolService;
  /** Null when the service runs without Keycloak's admin API (benchmarks). */
  offboarding: OffboardingService | null;
  /** Country of phone numbers typed without '+' and of imported addresses without a country (CN by default). */
  defaultCountry: string;
  /** List totals (totalCount) are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: AuditCheckpoints;
}

export function createCustomerServices(
  dataSource: DataSource,
  offboarding?: { directory: UserDirectory; policy: OffboardingPolicy },
  options: { pool?: Partial<PoolSettings>; exactCountUpTo?: number; defaultCountry?: string } = {},
): CustomerServices {
  const customFields = new CustomFieldService(dataSource);
  const defaultCountry = options.defaultCountry ?? defaultPhoneCountry;
  return {
    dataSource,
    defaultCountry,
    exactCountUpTo: options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND,
    customFields,
    accounts: new AccountService(dataSource, customFields, defaultCountry),
    contacts: new ContactService(dataSource, customFields, defaultCountry),
    activities: new ActivityService(dataSource),
    sharing: new SharingService(dataSource),
    accessRequests: new AccessRequestService(dataSource),
    pool: new PoolService(dataSource, options.pool),
    offboarding: offboarding ? new OffboardingService(dataSource, offboarding.directory, offboarding.policy) : null,
  };
}
