import type { DataSource } from 'typeorm';
import { defaultFollowUpCadence, type FollowUpCadence } from '../domain/follow-up-cadence';
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
import type { UserDirectory, UserProfileDirectory } from '@crm/platform/auth';
import { UserProfiles, type UserProfileSettings } from './user-profiles';
import { SavedAccountViews } from './saved-account-views';
import { BulkAccountActions } from './bulk-account-actions';

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
  /** Days between follow-ups per grade (FOLLOW_UP_CADENCE_DAYS). */
  followUpCadence: FollowUpCadence;
  /** Keycloak users and teams for display and pickers, cached (no directory: unknown users, no teams). */
  users: UserProfiles;
  savedViews: SavedAccountViews;
  bulk: BulkAccountActions;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: AuditCheckpoints;
}

export function createCustomerServices(
  dataSource: DataSource,
  offboarding?: { directory: UserDirectory & UserProfileDirectory; policy: OffboardingPolicy },
  options: {
    pool?: Partial<PoolSettings>;
    exactCountUpTo?: number;
    defaultCountry?: string;
    users?: UserProfileSettings;
    followUpCadence?: FollowUpCadence;
  } = {},
): CustomerServices {
  const customFields = new CustomFieldService(dataSource);
  const defaultCountry = options.defaultCountry ?? defaultPhoneCountry;
  const accounts = new AccountService(dataSource, customFields, defaultCountry);
  const pool = new PoolService(dataSource, options.pool);
  return {
    dataSource,
    defaultCountry,
    exactCountUpTo: options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND,
    followUpCadence: options.followUpCadence ?? defaultFollowUpCadence,
    customFields,
    accounts,
    contacts: new ContactService(dataSource, customFields, defaultCountry),
    activities: new ActivityService(dataSource),
    sharing: new SharingService(dataSource),
    accessRequests: new AccessRequestService(dataSource),
    pool,
    bulk: new BulkAccountActions(accounts, pool),
    savedViews: new SavedAccountViews(dataSource),
    users: new UserProfiles(offboarding?.directory ?? null, options.users),
    offboarding: offboarding ? new OffboardingService(dataSource, offboarding.directory, offboarding.policy) : null,
  };
}
