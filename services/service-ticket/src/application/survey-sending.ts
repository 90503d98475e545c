// Resolving a ticket sends its satisfaction survey: a survey row, a signed single-use link, and the SurveySent event the
// notification service mails. The closed loop's other places: survey-answers.ts (the answer and its follow-up),
// http/survey-routes.ts (the public page), graphql/survey.graphql (Ticket.survey), domain/survey-*.ts (the rules).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { audit } from '@crm/platform/audit';
import { surveyLocaleOf } from '../domain/survey-answer';
import { signSurveyToken, surveyTokenHash } from '../domain/survey-link';
import type { TicketRow } from '../db/ticket-rows';
import { recordEvent } from '../events/ticket-events';
import type { SurveySettings } from '../survey-config';
import type { TicketChangeListener } from './ticket-change-listeners';

const dayMillis = 24 * 60 * 60 * 1000;

/** The public address of a survey's page; a credential, never logged (docs/security.md). */
export function surveyUrl(settings: SurveySettings, token: string): string {
  return `${settings.publicBaseUrl}/surveys/${token}`;
}

/**
 * Creates the survey of a ticket just resolved, in the resolving transaction: a survey row (only the token's hash is
 * kept), and the SurveySent event carrying the link. An earlier unanswered survey of the same ticket (it was resolved,
 * reopened, and resolved again) expires now: only the latest resolution is rated.
 */
export async function sendSurvey(
  tx: EntityManager,
  ticket: TicketRow,
  actor: Actor,
  settings: SurveySettings,
): Promise<string> {
  const [{ now }]: { now: Date }[] = await tx.query(`SELECT now() AS now`);
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + settings.expiryDays * dayMillis);
  const token = signSurveyToken({ surveyId: id, expiresAt }, settings.linkSecret);
  const locale = surveyLocaleOf(`${ticket.subject} ${ticket.description}`, settings.defaultLocale);
  await tx.query(
    `UPDATE ticket_surveys SET expires_at = $2 WHERE ticket_id = $1 AND answered_at IS NULL AND expires_at > $2`,
    [ticket.id, now],
  );
  await tx.query(
    `INSERT INTO ticket_surveys (id, ticket_id, sent_at, expires_at, locale, token_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, ticket.id, now, expiresAt, locale, surveyTokenHash(token)],
  );
  await recordEvent(
    tx,
    'surveySent',
    actor,
    { type: 'ticket', id: ticket.id, version: ticket.version },
    {
      surveyId: id,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      ticketSubject: ticket.subject,
      accountId: ticket.accountId,
      contactId: ticket.contactId ?? '',
      recipientEmail: ticket.requesterEmail ?? '',
      surveyUrl: surveyUrl(settings, token),
      locale,
      expiresAt,
    },
  );
  await audit(tx, actor, 'ticket.survey_sent', { type: 'ticket', id: ticket.id }, [], {
    surveyId: id,
    expiresAt: expiresAt.toISOString(),
    locale,
  });
  return id;
}

/** The listener registered in ticket-services.ts: a ticket moving to resolved gets its survey. */
export function surveyOnResolution(settings: SurveySettings): TicketChangeListener {
  return async (tx, ticket, change, actor) => {
    if (change === 'status' && ticket.status === 'resolved') await sendSurvey(tx, ticket, actor, settings);
  };
}
