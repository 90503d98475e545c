import type { EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { recordEvent } from '../events/sales-events';

/** Who received an offboarded user's accounts (per account) and who takes over each of their teams' work. */
export interface OffboardingHandovers {
  userId: string;
  /** Account id → the account's new owner and team; no owner when it went to the pool. */
  accounts: Map<string, { ownerId: string | null; teamId: string | null }>;
  /** Team id → the team's new owner of the leaver's work; null when the team's work went to the pool. */
  teams: Map<string, string | null>;
  /** The customer service's event, named in the audit rows. */
  eventId: string;
}

interface OpenDeal {
  id: string;
  account_id: string;
  team_id: string | null;
  version: number;
}

/**
 * The leaver's open deals go to whoever received their account, else to their team's handover; a deal with neither
 * (both went to the pool) stays with the leaver, where the team's managers still see and edit it. Stage, fields,
 * history and links are kept: only owner and team change. One transaction (the consumer's), one event and one audit
 * row per deal moved. Returns how many moved.
 */
export async function handOverDealsOfLeaver(
  tx: EntityManager,
  actor: Actor,
  handovers: OffboardingHandovers,
): Promise<number> {
  const deals: OpenDeal[] = await tx.query(
    `SELECT id, account_id, team_id, version FROM opportunities
      WHERE owner_id = $1 AND status = 'open' AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
    [handovers.userId],
  );
  let moved = 0;
  for (const deal of deals) {
    const account = handovers.accounts.get(deal.account_id);
    const target = account?.ownerId
      ? { ownerId: account.ownerId, teamId: account.teamId ?? deal.team_id }
      : { ownerId: (deal.team_id && handovers.teams.get(deal.team_id)) || null, teamId: deal.team_id };
    if (!target.ownerId || target.ownerId === handovers.userId) continue;
    const version = deal.version + 1;
    await tx.query(
      `UPDATE opportunities SET owner_id = $2, team_id = $3, version = $4, updated_by = $5, updated_at = now()
        WHERE id = $1`,
      [deal.id, target.ownerId, target.teamId, version, actor.id],
    );
    await recordEvent(
      tx,
      'opportunityOwnerChanged',
      actor,
      { type: 'opportunity', id: deal.id, version },
      {
        opportunityId: deal.id,
        previousOwnerId: handovers.userId,
        ownerId: target.ownerId,
        teamId: target.teamId ?? '',
      },
    );
    await audit(
      tx,
      actor,
      'opportunity.owner_changed',
      { type: 'opportunity', id: deal.id },
      [
        { field: 'ownerId', before: handovers.userId, after: target.ownerId },
        { field: 'teamId', before: deal.team_id, after: target.teamId },
      ],
      { reason: 'user_offboarded', userId: handovers.userId, customerEventId: handovers.eventId },
    );
    moved += 1;
  }
  return moved;
}

/**
 * A merge moves the loser's deals and contracts to the winning account (everything else about them stays), one audit
 * row per deal and contract moved. Returns how many deals moved.
 */
export async function moveDealsToWinner(
  tx: EntityManager,
  actor: Actor,
  merge: { winnerId: string; loserId: string; eventId: string },
): Promise<number> {
  const [deals]: [{ id: string }[], number] = await tx.query(
    `UPDATE opportunities SET account_id = $1, version = version + 1, updated_by = $3, updated_at = now()
      WHERE account_id = $2 RETURNING id`,
    [merge.winnerId, merge.loserId, actor.id],
  );
  const [contracts]: [{ id: string }[], number] = await tx.query(
    `UPDATE contracts SET account_id = $1, version = version + 1, updated_by = $3, updated_at = now()
      WHERE account_id = $2 RETURNING id`,
    [merge.winnerId, merge.loserId, actor.id],
  );
  const changes = [{ field: 'accountId', before: merge.loserId, after: merge.winnerId }];
  const details = { reason: 'account_merged', customerEventId: merge.eventId };
  for (const { id } of deals)
    await audit(tx, actor, 'opportunity.account_merged', { type: 'opportunity', id }, changes, details);
  for (const { id } of contracts)
    await audit(tx, actor, 'contract.account_merged', { type: 'contract', id }, changes, details);
  return deals.length;
}

interface OpenLead {
  id: string;
  team_id: string | null;
  version: number;
}

/**
 * The leaver's open leads (new, working, qualified) go to their team's handover; with none (the team's work went to
 * the pool), they return to the team's queue unassigned, where its sales managers see and assign them. Never left
 * with a disabled user. One `lead.assigned` event and one audit row per lead. Returns how many moved.
 */
export async function handOverLeadsOfLeaver(
  tx: EntityManager,
  actor: Actor,
  handovers: OffboardingHandovers,
): Promise<number> {
  const leads: OpenLead[] = await tx.query(
    `SELECT id, team_id, version FROM leads
      WHERE owner_id = $1 AND status IN ('new', 'working', 'qualified') ORDER BY id FOR UPDATE`,
    [handovers.userId],
  );
  for (const lead of leads) {
    const next = (lead.team_id && handovers.teams.get(lead.team_id)) || null;
    const ownerId = next === handovers.userId ? null : next;
    const version = lead.version + 1;
    await tx.query(`UPDATE leads SET owner_id = $2, version = $3, updated_by = $4, updated_at = now() WHERE id = $1`, [
      lead.id,
      ownerId,
      version,
      actor.id,
    ]);
    await recordEvent(
      tx,
      'leadAssigned',
      actor,
      { type: 'lead', id: lead.id, version },
      {
        leadId: lead.id,
        ownerId: ownerId ?? '',
        previousOwnerId: handovers.userId,
        teamId: lead.team_id ?? '',
        ruleId: '',
      },
    );
    await audit(
      tx,
      actor,
      'lead.assigned',
      { type: 'lead', id: lead.id },
      [{ field: 'ownerId', before: handovers.userId, after: ownerId }],
      { reason: 'user_offboarded', userId: handovers.userId, customerEventId: handovers.eventId },
    );
  }
  return leads.length;
}
