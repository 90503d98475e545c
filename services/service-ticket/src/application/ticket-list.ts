// The ticket list (an agent's queue): filters, SLA standing and the two sorts, each with its keyset cursor.
import { InputError } from '@crm/platform/errors';
import { requireUuid } from '@crm/platform/ids';
import {
  boundedCount,
  decodeCursor,
  keysetListPage,
  newestFirst,
  pageSize,
  SqlParameters,
  toPage,
  type CountablePage,
  type SqlRunner,
} from '@crm/platform/pagination';
import type { Actor } from '@crm/platform/auth';
import { ticketColumns, type TicketRow } from '../db/ticket-rows';
import type { TicketStatus } from '../domain/ticket-lifecycle';
import type { SlaStanding } from '../domain/sla-standing';
import { ticketVisibilitySql } from '../policy/ticket-access';

export type TicketSort = 'newest_first' | 'next_deadline';

export interface TicketFilter {
  statuses?: TicketStatus[] | null;
  teamId?: string | null;
  agentId?: string | null;
  accountId?: string | null;
  complaint?: boolean | null;
  priority?: string | null;
  /** Only tickets waiting in a queue without an agent. */
  unassigned?: boolean | null;
  /** Only tickets not yet resolved or closed. */
  openOnly?: boolean | null;
  /** Any of these standings (domain/sla-standing.ts; its SQL twin is standingSql below). */
  slaStates?: SlaStanding[] | null;
  /** Part of the number or the subject, case-insensitive. */
  search?: string | null;
}

const openStatuses: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting_on_customer'];
const maxSearchLength = 200;

/** The SQL twin of slaStanding over the stored marks (alias s: ticket_sla, absent for a ticket not yet computed). */
const standingSql: Record<SlaStanding, string> = {
  breached: 's.breached_from <= now()',
  at_risk: 's.at_risk_from <= now() AND NOT COALESCE(s.breached_from <= now(), false)',
  on_track: 'NOT COALESCE(s.breached_from <= now(), false) AND NOT COALESCE(s.at_risk_from <= now(), false)',
};

function conditions(filter: TicketFilter, actor: Actor): { where: string[]; params: SqlParameters } {
  const visibility = ticketVisibilitySql(actor, 't', 1);
  const params = new SqlParameters(visibility.params);
  const where = ['t.deleted_at IS NULL', visibility.sql];
  if (filter.statuses?.length) where.push(`t.status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter.openOnly) where.push(`t.status = ANY(${params.add(openStatuses)}::text[])`);
  if (filter.teamId) where.push(`t.team_id = ${params.add(filter.teamId)}`);
  if (filter.agentId)
    where.push(`t.agent_id = ${params.add(requireUuid(filter.agentId, ['filter', 'agentId']))}::uuid`);
  if (filter.accountId)
    where.push(`t.account_id = ${params.add(requireUuid(filter.accountId, ['filter', 'accountId']))}::uuid`);
  if (filter.complaint != null) where.push(`t.complaint = ${params.add(filter.complaint)}`);
  if (filter.priority) where.push(`t.priority = ${params.add(filter.priority)}`);
  if (filter.unassigned) where.push('t.agent_id IS NULL');
  if (filter.slaStates) {
    if (!filter.slaStates.length) throw InputError.single(['filter', 'slaStates'], 'min_items', 'name at least one');
    where.push(`(${[...new Set(filter.slaStates)].map((s) => `(${standingSql[s]})`).join(' OR ')})`);
  }
  if (filter.search !== null && filter.search !== undefined) {
    const search = filter.search.trim();
    if (!search || search.length > maxSearchLength) {
      throw InputError.single(['filter', 'search'], 'length', `1 to ${maxSearchLength} characters`);
    }
    const pattern = params.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(t.number ILIKE ${pattern} OR t.subject ILIKE ${pattern})`);
  }
  return { where, params };
}

const withSla = 'FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id';
/** A ticket without a deadline sorts last: 'infinity' is after every instant, and keeps the keyset a plain tuple. */
const deadlineKey = `COALESCE(s.next_deadline, 'infinity'::timestamptz)`;

interface DeadlineSortedRow extends TicketRow {
  sortDeadline: string;
}

/** A page of the tickets the actor may see, filtered, newest first or soonest SLA deadline first. */
export async function listTickets(
  runner: SqlRunner,
  query: { filter: TicketFilter; sort: TicketSort; first?: number | null; after?: string | null },
  actor: Actor,
  exactCountUpTo: number,
): Promise<CountablePage<TicketRow>> {
  const { where, params } = conditions(query.filter, actor);
  // The SLA table only when the filter or the sort reads it.
  const from = query.filter.slaStates || query.sort === 'next_deadline' ? withSla : 'FROM tickets t';
  if (query.sort === 'newest_first') {
    return keysetListPage<TicketRow>(runner, {
      select: `SELECT ${ticketColumns()} ${from}`,
      from,
      conditions: where,
      params,
      ...newestFirst('t', 'created_at'),
      first: query.first,
      after: query.after,
      exactCountUpTo,
    });
  }
  const limit = pageSize(query.first);
  const countSql = `SELECT 1 ${from} WHERE ${where.join(' AND ')}`;
  const countParams = [...params.values];
  if (query.after) {
    // The sort's name leads the cursor, so a cursor of the other sort (two values) is refused, not misread.
    const [sort, deadline, id] = decodeCursor(query.after, 3);
    if (sort !== 'deadline') throw InputError.single(['after'], 'cursor', 'belongs to another sort of this list');
    where.push(`(${deadlineKey}, t.id) > (${params.add(deadline)}::timestamptz, ${params.add(id)}::uuid)`);
  }
  const rows = (await runner.query(
    `SELECT ${ticketColumns()}, ${deadlineKey}::text AS "sortDeadline" ${from} WHERE ${where.join(' AND ')}
      ORDER BY ${deadlineKey}, t.id LIMIT ${limit + 1}`,
    params.values,
  )) as DeadlineSortedRow[];
  return {
    ...toPage(rows, limit, (r) => ['deadline', r.sortDeadline, r.id]),
    count: (bound) => boundedCount(runner, countSql, countParams, bound ?? exactCountUpTo),
  };
}
