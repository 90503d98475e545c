import type { EntityManager } from 'typeorm';
import type { SurveyLocale } from '../domain/survey-answer';

/** One satisfaction survey of a ticket's resolution (table ticket_surveys). */
export interface SurveyRow {
  id: string;
  ticketId: string;
  sentAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  rating: number | null;
  comment: string | null;
  locale: SurveyLocale;
  tokenHash: string;
  consumed: boolean;
  followUp: 'reopened' | 'escalated' | null;
}

export const surveyColumns = (alias: string): string =>
  `${alias}.id, ${alias}.ticket_id AS "ticketId", ${alias}.sent_at AS "sentAt", ${alias}.expires_at AS "expiresAt",
  ${alias}.answered_at AS "answeredAt", ${alias}.rating, ${alias}.comment, ${alias}.locale,
  ${alias}.token_hash AS "tokenHash", ${alias}.consumed, ${alias}.follow_up AS "followUp"`;

export async function surveyById(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SurveyRow | null> {
  const rows: SurveyRow[] = await manager.query(
    `SELECT ${surveyColumns('s')} FROM ticket_surveys s WHERE s.id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The latest survey of each ticket (one statement, on ticket_surveys_latest_of_ticket). */
export async function latestSurveysOfTickets(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, SurveyRow>> {
  if (!ticketIds.length) return new Map();
  const rows: SurveyRow[] = await manager.query(
    `SELECT DISTINCT ON (s.ticket_id) ${surveyColumns('s')} FROM ticket_surveys s
      WHERE s.ticket_id = ANY($1::uuid[]) ORDER BY s.ticket_id, s.sent_at DESC, s.id DESC`,
    [[...new Set(ticketIds)]],
  );
  return new Map(rows.map((r) => [r.ticketId, r]));
}

/**
 * The latest answered survey of each account's tickets that pass `visibility` (a condition over `tickets t`, its
 * parameters numbered from $2): one statement for a page of accounts.
 */
export async function lastAnsweredSurveysOfAccounts(
  manager: EntityManager,
  accountIds: readonly string[],
  visibility: { sql: string; params: unknown[] },
): Promise<Map<string, SurveyRow>> {
  if (!accountIds.length) return new Map();
  const rows: (SurveyRow & { accountId: string })[] = await manager.query(
    `SELECT DISTINCT ON (t.account_id) t.account_id AS "accountId", ${surveyColumns('s')}
       FROM ticket_surveys s JOIN tickets t ON t.id = s.ticket_id
      WHERE t.account_id = ANY($1::uuid[]) AND t.deleted_at IS NULL AND s.answered_at IS NOT NULL AND ${visibility.sql}
      ORDER BY t.account_id, s.answered_at DESC, s.id DESC`,
    [[...new Set(accountIds)], ...visibility.params],
  );
  return new Map(rows.map(({ accountId, ...survey }) => [accountId, survey]));
}
