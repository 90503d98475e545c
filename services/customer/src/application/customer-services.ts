import type { DataSource } from 'typeorm';
import { AccountService } from './account-service';
import { ActivityService } from './activity-service';
import { ContactService } from './contact-service';
import { CustomFieldService } from './custom-fields';

/** The customer service's application layer, built once in main.ts and handed to gRPC, GraphQL and import. */
export interface CustomerServices {
  dataSource: DataSource;
  accounts: AccountService;
  contacts: ContactService;
  activities: ActivityService;
  customFields: CustomFieldService;
}

export function createCustomerServices(dataSource: DataSource): CustomerServices {
  const customFields = new CustomFieldService(dataSource);
  return {
    dataSource,
    customFields,
    accounts: new AccountService(dataSource, customFields),
    contacts: new ContactService(dataSource, customFields),
    activities: new ActivityService(dataSource),
  };
}
