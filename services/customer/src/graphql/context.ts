import DataLoader from 'dataloader';
import type { UserProfile } from '../application/user-profiles';
import {
  byIdLoader as byId,
  childCountsLoader as childCounts,
  childPagesLoader as childPages,
  type ChildCounts,
  type ChildPages,
  type RedactionContext,
} from '@crm/platform/graphql';
import type { AccountRow } from '../db/account.entity';
import type { ActivityRow } from '../db/activity.entity';
import type { ContactRow } from '../db/contact.entity';
import type { Actor, DirectoryTeam } from '@crm/platform/auth';
import type { CustomerServices } from '../application/customer-services';
import type { AccountGrant } from '../db/account-grant-rows';
import { sensitiveReadAuditLoader } from './sensitive-fields';

export interface CustomerLoaders {
  account: DataLoader<string, AccountRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  activity: DataLoader<string, ActivityRow | null>;
  accountContacts: ChildPages<AccountRow, ContactRow>;
  accountActivities: ChildPages<AccountRow, ActivityRow>;
  accountGrants: ChildPages<AccountRow, AccountGrant>;
  /** The totals of those connections, fetched only when a client selects totalCount. */
  accountContactCounts: ChildCounts<AccountRow>;
  accountActivityCounts: ChildCounts<AccountRow>;
  accountGrantCounts: ChildCounts<AccountRow>;
  sensitiveReadAudit: DataLoader<string, true>;
  /** Users by Keycloak id: one directory call per request for the ids the cache lacks. */
  user: DataLoader<string, UserProfile>;
  /** Teams by id from the cached realm list (null: no such team any more). */
  team: DataLoader<string, DirectoryTeam | null>;
}

/** Per request: who asks, fresh DataLoaders (entity lookups batched, never shared between users), and what was hidden. */
export interface CustomerContext extends RedactionContext {
  actor: Actor;
  services: CustomerServices;
  loaders: CustomerLoaders;
  /** Accounts whose sensitive fields this request read, audited once per account when the response is sent. */
  sensitiveReads: Map<string, Set<string>>;
}

export function createContext(services: CustomerServices, actor: Actor): CustomerContext {
  const sensitiveReads = new Map<string, Set<string>>();
  return {
    actor,
    services,
    redactedFields: new Set(),
    sensitiveReads,
    loaders: {
      sensitiveReadAudit: sensitiveReadAuditLoader({ actor, services, sensitiveReads }),
      user: new DataLoader((ids) => services.users.byIds(ids)),
      team: new DataLoader(async (ids) => {
        const teams = new Map((await services.users.teams()).map((team) => [team.id, team]));
        return ids.map((id) => teams.get(id) ?? null);
      }),
      account: byId((ids) => services.accounts.batchGet(ids, actor)),
      contact: byId((ids) => services.contacts.batchGet(ids, actor)),
      activity: byId((ids) => services.activities.batchGet(ids, actor)),
      accountContacts: childPages((parents, first, after) =>
        services.contacts.pagesByAccount(
          parents.map((p) => p.id),
          first,
          after,
        ),
      ),
      accountActivities: childPages((parents, first, after) =>
        services.activities.timelines(
          parents.map((p) => p.id),
          first,
          after,
        ),
      ),
      accountGrants: childPages((parents, first, after) => services.sharing.grantPages(parents, actor, first, after)),
      accountContactCounts: childCounts((parents) =>
        services.contacts.countsByAccount(
          parents.map((p) => p.id),
          services.exactCountUpTo,
        ),
      ),
      accountActivityCounts: childCounts((parents) =>
        services.activities.countsByAccount(
          parents.map((p) => p.id),
          services.exactCountUpTo,
        ),
      ),
      accountGrantCounts: childCounts((parents) =>
        services.sharing.grantCounts(parents, actor, services.exactCountUpTo),
      ),
    },
  };
}
