import type { Actor } from '@crm/platform/auth';
import { isUuid } from '@crm/platform/ids';
import type { SqlRunner } from '@crm/platform/pagination';
import { ticketVisibilitySql } from '../policy/ticket-access';

/**
 * How many open complaints (not yet resolved or closed) the actor may see on each account, for a whole page of
 * accounts in one statement (index tickets_open_complaints_by_account). Accounts with none are left out of the map.
 */
export async function openComplaintCounts(
  runner: SqlRunner,
  accountIds: readonly string[],
  actor: Actor,
): Promise<Map<string, number>> {
  const ids = [...new Set(accountIds.filter(isUuid))];
  if (!ids.length) return new Map();
  const visibility = ticketVisibilitySql(actor, 't', 2);
  const rows = (await runner.query(
    `SELECT t.account_id::text AS id, count(*)::int AS n FROM tickets t
      WHERE t.account_id = ANY($1::uuid[]) AND t.complaint AND t.deleted_at IS NULL
        AND t.status NOT IN ('resolved', 'closed') AND ${visibility.sql}
      GROUP BY t.account_id`,
    [ids, ...visibility.params],
  )) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
