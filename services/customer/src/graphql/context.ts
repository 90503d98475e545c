import DataLoader from 'dataloader';
import type { AccountRow } from '../db/account.entity';
import type { Actor } from '../application/actor';
import type { CustomerServices } from '../application/customer-services';
import { sensitiveReadAuditLoader } from './sensitive-fields';

/** Per request: who asks, fresh DataLoaders (entity lookups batched, never shared between users), and what was hidden. */
export interface CustomerContext {
  actor: Actor;
  services: CustomerServices;
  loaders: { account: DataLoader<string, AccountRow | null>; sensitiveReadAudit: DataLoader<string, true> };
  /** Paths of the sensitive fields resolved to null for this caller; sent as extensions.redactedFields. */
  redactedFields: Set<string>;
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
      account: new DataLoader<string, AccountRow | null>(async (ids) => {
        const rows = await services.accounts.batchGet(ids, actor);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    },
  };
}
