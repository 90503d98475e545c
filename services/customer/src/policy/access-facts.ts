import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import type { AccountRow } from '../db/account.entity';
import { accountAccess, type AccessLevel } from './account-access';

/** Loads the actor's unexpired grants and ticket links for these accounts (one query each), and rates each account. */
export async function accessLevels(
  manager: EntityManager,
  actor: Actor,
  rows: AccountRow[],
): Promise<Map<string, AccessLevel>> {
  const ids = rows.map((r) => r.id);
  const grants = new Map<string, ('read' | 'edit')[]>();
  const tickets = new Set<string>();
  if (ids.length) {
    const granted: { account_id: string; access: 'read' | 'edit' }[] = await manager.query(
      `SELECT account_id, access FROM account_grants
        WHERE grantee_id = $1 AND account_id = ANY($2::uuid[]) AND (expires_at IS NULL OR expires_at > now())`,
      [actor.id, ids],
    );
    for (const g of granted) grants.set(g.account_id, [...(grants.get(g.account_id) ?? []), g.access]);
    const agent = actor.roles.includes('service-agent');
    const managedTeams = actor.roles.includes('service-manager') ? actor.teams : [];
    if (agent || managedTeams.length) {
      const linked: { account_id: string }[] = await manager.query(
        `SELECT DISTINCT account_id FROM ticket_accounts
          WHERE account_id = ANY($2::uuid[]) AND (($3 AND agent_id = $1) OR team_id = ANY($4::text[]))`,
        [actor.id, ids, agent, managedTeams],
      );
      for (const t of linked) tickets.add(t.account_id);
    }
  }
  return new Map(
    rows.map((row) => [
      row.id,
      accountAccess(actor, {
        ownerId: row.ownerId,
        teamId: row.teamId,
        grants: grants.get(row.id) ?? [],
        hasTicket: tickets.has(row.id),
      }),
    ]),
  );
}

export async function accessLevel(manager: EntityManager, actor: Actor, row: AccountRow): Promise<AccessLevel> {
  return (await accessLevels(manager, actor, [row])).get(row.id) ?? 'none';
}
