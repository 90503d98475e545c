import DataLoader from 'dataloader';
import type { AccountRow } from '../db/account.entity';
import type { Actor } from '../application/actor';
import type { CustomerServices } from '../application/customer-services';

/** Per request: who asks, and fresh DataLoaders so entity lookups are batched and never shared between users. */
export interface CustomerContext {
  actor: Actor;
  services: CustomerServices;
  loaders: { account: DataLoader<string, AccountRow | null> };
}

export function createContext(services: CustomerServices, actor: Actor): CustomerContext {
  return {
    actor,
    services,
    loaders: {
      account: new DataLoader<string, AccountRow | null>(async (ids) => {
        const rows = await services.accounts.batchGet(ids);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    },
  };
}
