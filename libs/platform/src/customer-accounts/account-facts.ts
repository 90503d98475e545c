import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth';

/** A customer grade as the customer service sets it; null when ungraded. */
export type AccountGrade = 'A' | 'B' | 'C';

/** What a service needs to decide who may read an account's records, from the customer service's events. */
export interface AccountFacts {
  ownerId: string | null;
  teamId: string | null;
  /** Unexpired shares and approved access requests of this actor on the account. */
  grants: ('read' | 'edit')[];
}

/**
 * What the projection of the customer service's events says about these accounts for this actor: owner, team and
 * the actor's unexpired grants (two statements). An account the projection has not heard of, or that is in the
 * recycle bin (nobody reads it through the account then), is left out.
 */
export async function accountFactsFor(
  manager: EntityManager,
  actor: Actor,
  accountIds: readonly string[],
): Promise<Map<string, AccountFacts>> {
  const ids = [...new Set(accountIds)];
  if (!ids.length) return new Map();
  const rows: { account_id: string; owner_id: string | null; team_id: string | null }[] = await manager.query(
    `SELECT account_id, owner_id, team_id FROM account_facts WHERE account_id = ANY($1::uuid[]) AND purged_at IS NULL AND deleted_at IS NULL`,
    [ids],
  );
  const facts = new Map<string, AccountFacts>(
    rows.map((r) => [r.account_id, { ownerId: r.owner_id, teamId: r.team_id, grants: [] }]),
  );
  if (facts.size && actor.id !== 'system') {
    const grants: { account_id: string; access: 'read' | 'edit' }[] = await manager.query(
      `SELECT account_id, access FROM account_grant_facts
        WHERE grantee_id = $1::uuid AND account_id = ANY($2::uuid[]) AND (expires_at IS NULL OR expires_at > now())`,
      [actor.id, [...facts.keys()]],
    );
    for (const g of grants) facts.get(g.account_id)?.grants.push(g.access);
  }
  return facts;
}

/** Records what the customer service just said about an account (a fresher answer than the events may have brought). */
export async function upsertAccountFacts(
  manager: EntityManager,
  account: { id: string; ownerId: string | null; teamId: string | null },
): Promise<void> {
  await manager.query(
    `INSERT INTO account_facts (account_id, owner_id, team_id, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (account_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, team_id = EXCLUDED.team_id,
       updated_at = EXCLUDED.updated_at WHERE account_facts.deleted_at IS NULL`,
    [account.id, account.ownerId, account.teamId],
  );
}
