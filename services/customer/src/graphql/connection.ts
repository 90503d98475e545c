import type { DirectoryTeam } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { childConnection, countedConnection, totalCountResolvers, type CountedConnection } from '@crm/platform/graphql';
import type { AccessRequest } from '../application/access-request-service';
import type { SavedAccountView } from '../application/saved-account-views';
import type { AccountGrant } from '../db/account-grant-rows';
import type { AccountRow } from '../db/account.entity';
import type { CustomFieldDefinitionRow } from '../db/custom-field-definition.entity';
import type { ActivityRow } from '../db/activity.entity';
import type { ContactRow } from '../db/contact.entity';
import { isUuid } from '../domain/uuid';

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type AccountCountedConnection = CountedConnection<AccountRow>;
export type AccessRequestCountedConnection = CountedConnection<AccessRequest>;
export type ContactCountedConnection = CountedConnection<ContactRow>;
export type ActivityCountedConnection = CountedConnection<ActivityRow>;
export type AccountGrantCountedConnection = CountedConnection<AccountGrant>;
export type CustomFieldDefinitionCountedConnection = CountedConnection<CustomFieldDefinitionRow>;
export type TeamCountedConnection = CountedConnection<DirectoryTeam>;
export type SavedAccountViewCountedConnection = CountedConnection<SavedAccountView>;

/** An ID argument that must be a UUID: BAD_USER_INPUT naming it otherwise. */
export function requireUuid(value: string, path: string[]): void {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
}

export { childConnection, countedConnection, totalCountResolvers, type CountedConnection };
