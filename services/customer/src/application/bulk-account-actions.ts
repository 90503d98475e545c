import type { Actor } from '@crm/platform/auth';
import { DomainError, InputError } from '@crm/platform/errors';
import { isUuid } from '../domain/uuid';
import type { AccountService } from './account-service';
import { releaseReason, type PoolService } from './pool-service';

/** At most this many accounts per bulk action: one page of the portal's list, selected. */
export const MAX_BULK_IDS = 200;

export interface BulkFailure {
  id: string;
  code: string;
  message: string;
}

export interface BulkResult {
  succeeded: string[];
  failed: BulkFailure[];
}

/**
 * The accounts list's bulk actions (assign, tag, return to the pool): each account goes through the single-account
 * operation (updateAccount, releaseAccount) in its own transaction, so its rules, audit and events are exactly those,
 * and an account the caller may not touch fails alone.
 */
export class BulkAccountActions {
  constructor(
    private readonly accounts: AccountService,
    private readonly pool: PoolService,
  ) {}

  assign(ids: readonly string[], ownerId: string, actor: Actor): Promise<BulkResult> {
    if (!isUuid(ownerId)) throw InputError.single(['ownerId'], 'uuid', 'must be a UUID');
    return this.each(ids, (id) => this.accounts.update(id, { ownerId }, actor));
  }

  tag(ids: readonly string[], add: readonly string[], remove: readonly string[], actor: Actor): Promise<BulkResult> {
    if (!add.length && !remove.length) {
      throw InputError.single(['add'], 'required', 'give tags to add or to remove');
    }
    const removed = new Set(remove.map(tagKey));
    return this.each(ids, async (id) => {
      const row = await this.accounts.get(id, actor);
      const kept = row.tags.filter((t) => !removed.has(tagKey(t)));
      // The version read guards against a concurrent edit: that account fails with CONFLICT, the others go on.
      await this.accounts.update(id, { tags: [...kept, ...add] }, actor, row.version);
    });
  }

  release(ids: readonly string[], reason: string, actor: Actor): Promise<BulkResult> {
    const text = releaseReason(reason, ['reason']);
    return this.each(ids, (id) => this.pool.release(id, text, actor));
  }

  private async each(ids: readonly string[], act: (id: string) => Promise<unknown>): Promise<BulkResult> {
    const unique = [...new Set(ids)];
    if (!unique.length) throw InputError.single(['ids'], 'required', 'give at least one account id');
    if (unique.length > MAX_BULK_IDS) {
      throw InputError.single(['ids'], 'max_items', `at most ${MAX_BULK_IDS} accounts at once (got ${unique.length})`);
    }
    const result: BulkResult = { succeeded: [], failed: [] };
    // One after another: each is a short transaction, and row locks are never held across accounts.
    for (const id of unique) {
      if (!isUuid(id)) {
        result.failed.push({ id, code: 'BAD_USER_INPUT', message: 'must be a UUID' });
        continue;
      }
      try {
        await act(id);
        result.succeeded.push(id);
      } catch (error) {
        // Anything but a domain refusal (the database gone) fails the whole call: nothing is reported as done that was not.
        if (!(error instanceof DomainError)) throw error;
        result.failed.push({ id, code: error.code, message: error.message });
      }
    }
    return result;
  }
}

/** Tags compare as account-tags.ts dedupes them: ignoring case, width and outer spaces. */
function tagKey(tag: string): string {
  return tag.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
