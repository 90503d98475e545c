import DataLoader from 'dataloader';
import type { RedactionContext } from '@crm/platform/graphql';
import type { Page } from '@crm/platform/pagination';
import type { AccountRow } from '../db/account.entity';
import type { ActivityRow } from '../db/activity.entity';
import type { ContactRow } from '../db/contact.entity';
import type { Actor } from '../application/actor';
import type { CustomerServices } from '../application/customer-services';
import type { AccountGrant } from '../application/sharing-service';
import { sensitiveReadAuditLoader } from './sensitive-fields';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Loads one page of children per account, for every account asked for in the same tick, in one call. */
export type ChildPages<T> = (parent: AccountRow, args: PageArgs) => Promise<Page<T>>;

export interface CustomerLoaders {
  account: DataLoader<string, AccountRow | null>;
  contact: DataLoader<string, ContactRow | null>;
  activity: DataLoader<string, ActivityRow | null>;
  accountContacts: ChildPages<ContactRow>;
  accountActivities: ChildPages<ActivityRow>;
  accountGrants: ChildPages<AccountGrant>;
  sensitiveReadAudit: DataLoader<string, true>;
}

/** Per request: who asks, fresh DataLoaders (entity lookups batched, never shared between users), and what was hidden. */
export interface CustomerContext extends RedactionContext {
  actor: Actor;
  services: CustomerServices;
  loaders: CustomerLoaders;
  /** Accounts whose sensitive fields this request read, audited once per account when the response is sent. */
  sensitiveReads: Map<string, Set<string>>;
}

/** A loader of rows by id through a batch read that leaves out what the actor may not see. */
function byId<T extends { id: string }>(
  batchGet: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await batchGet(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/**
 * A nested connection (Account.contacts) on a list of parents: one DataLoader per distinct (first, after), so a
 * page of 50 accounts asking for their contacts costs one query, not 50.
 */
function childPages<T>(
  fetch: (
    parents: readonly AccountRow[],
    first?: number | null,
    after?: string | null,
  ) => Promise<Map<string, Page<T>>>,
): ChildPages<T> {
  const loaders = new Map<string, DataLoader<AccountRow, Page<T>, string>>();
  return (parent, { first, after }) => {
    const key = JSON.stringify([first ?? null, after ?? null]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<AccountRow, Page<T>, string>(
        async (parents) => {
          const pages = await fetch(parents, first, after);
          return parents.map((p) => pages.get(p.id)!);
        },
        { cacheKeyFn: (p) => p.id },
      );
      loaders.set(key, loader);
    }
    return loader.load(parent);
  };
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
    },
  };
}
