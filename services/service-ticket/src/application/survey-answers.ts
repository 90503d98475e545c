// The customer's side of a survey, through its link (no login): open the page, answer once, and what a low rating
// does to the ticket (reopen within the window, else escalate). See survey-sending.ts for the other places.
import type { DataSource, EntityManager } from 'typeorm';
import { systemActor, type Actor } from '@crm/platform/auth';
import { audit, changesOf } from '@crm/platform/audit';
import { lowRatingFollowUp, parseSurveyAnswer, type LowRatingFollowUp } from '../domain/survey-answer';
import { checkSurveyToken, surveyTokenHash } from '../domain/survey-link';
import type { LifecycleSettings } from '../domain/ticket-lifecycle';
import { ticketsById, type TicketRow } from '../db/ticket-rows';
import { surveyById, type SurveyRow } from '../db/survey-rows';
import { recordEvent } from '../events/ticket-events';
import type { SurveySettings } from '../survey-config';

/** What the link shows: the form of an open survey, or why it cannot be answered. */
export type SurveyOpening =
  { kind: 'open'; survey: SurveyRow; ticketNumber: string; ticketSubject: string } | { kind: SurveyRefusal };

export type SurveyAnswering = { kind: 'answered_now'; followUp: LowRatingFollowUp['kind'] } | { kind: SurveyRefusal };

/** Why a link opens no form: not a token at all, not one of ours (bad signature, unknown survey), used, or expired. */
export type SurveyRefusal = 'malformed' | 'unknown' | 'answered' | 'expired';

/** Who answers: the customer holding the link, audited as the system acting for that survey. */
export function surveyRespondent(surveyId: string, requestId: string, sourceIp?: string): Actor {
  return { ...systemActor(requestId), id: `survey:${surveyId}`, ...(sourceIp ? { sourceIp } : {}) };
}

/** Reopens a ticket locked in the caller's transaction (TicketWorkflow.reopenLocked: rules, history, audit, events). */
export type ReopenLocked = (tx: EntityManager, ticket: TicketRow, reason: string, actor: Actor) => Promise<unknown>;

export interface SurveyAnswerDeps {
  dataSource: DataSource;
  settings: SurveySettings;
  lifecycle: LifecycleSettings;
  reopenLocked: ReopenLocked;
}

export class SurveyAnswers {
  constructor(private readonly deps: SurveyAnswerDeps) {}

  /**
   * The survey a token opens, or why not. A token with a valid signature but past its expiry still names its survey,
   * so an answered survey says "already answered" rather than "expired".
   */
  private async find(
    manager: EntityManager,
    token: string,
    now: Date,
    lock: boolean,
  ): Promise<{ kind: 'found'; survey: SurveyRow } | { kind: SurveyRefusal }> {
    const check = checkSurveyToken(token, this.deps.settings.linkSecret, now);
    if (!check.ok && check.reason !== 'expired')
      return { kind: check.reason === 'malformed' ? 'malformed' : 'unknown' };
    const survey = await surveyById(manager, check.claims.surveyId, { lock });
    if (!survey || survey.tokenHash !== surveyTokenHash(token)) return { kind: 'unknown' };
    if (survey.consumed) return { kind: 'answered' };
    // The row's expiry may be earlier than the token's: a later resolution of the ticket retired this survey.
    if (!check.ok || now.getTime() >= survey.expiresAt.getTime()) return { kind: 'expired' };
    return { kind: 'found', survey };
  }

  async open(token: string): Promise<SurveyOpening> {
    const manager = this.deps.dataSource.manager;
    const found = await this.find(manager, token, await databaseNow(manager), false);
    if (found.kind !== 'found') return found;
    const ticket = (await ticketsById(manager, [found.survey.ticketId])).get(found.survey.ticketId);
    if (!ticket) return { kind: 'unknown' };
    return { kind: 'open', survey: found.survey, ticketNumber: ticket.number, ticketSubject: ticket.subject };
  }

  /**
   * Stores the answer once (the survey row is locked, so two submits cannot both win), emits SurveyAnswered, audits
   * it, and follows a low rating up, all in one transaction. Bad input is refused (InputError) and changes nothing.
   * Lock order as everywhere in the service: the ticket first (a resolution retires old surveys under its lock), then
   * the survey, whose state is read again under its lock.
   */
  async answer(
    token: string,
    form: Readonly<Record<string, unknown>>,
    request: { requestId: string; sourceIp?: string },
  ): Promise<SurveyAnswering> {
    return this.deps.dataSource.transaction(async (tx) => {
      const now = await databaseNow(tx);
      const seen = await this.find(tx, token, now, false);
      if (seen.kind !== 'found') return seen;
      const ticket = (await ticketsById(tx, [seen.survey.ticketId], { lock: true })).get(seen.survey.ticketId);
      if (!ticket) return { kind: 'unknown' };
      const found = await this.find(tx, token, now, true);
      if (found.kind !== 'found') return found;
      const { survey } = found;
      const answer = parseSurveyAnswer(form);
      const actor = surveyRespondent(survey.id, request.requestId, request.sourceIp);
      const followUp = lowRatingFollowUp(answer.rating, ticket, this.deps.settings.lowRating, this.deps.lifecycle, now);
      await tx.query(
        `UPDATE ticket_surveys SET answered_at = $2, rating = $3, comment = $4, consumed = true, follow_up = $5
          WHERE id = $1`,
        [survey.id, now, answer.rating, answer.comment, followUpColumn(followUp)],
      );
      await recordEvent(
        tx,
        'surveyAnswered',
        actor,
        { type: 'ticket', id: ticket.id, version: ticket.version },
        { ticketId: ticket.id, accountId: ticket.accountId, rating: answer.rating, comment: answer.comment ?? '' },
      );
      if (followUp.kind === 'escalate') await escalate(tx, ticket, survey, answer, followUp.reason, actor);
      else if (followUp.kind === 'reopen') await this.deps.reopenLocked(tx, ticket, followUp.reason, actor);
      await audit(
        tx,
        actor,
        'ticket.survey_answered',
        { type: 'ticket', id: ticket.id },
        changesOf([
          { field: 'survey.rating', before: null, after: answer.rating },
          { field: 'survey.comment', before: null, after: answer.comment },
        ]),
        { surveyId: survey.id, followUp: followUp.kind },
      );
      return { kind: 'answered_now', followUp: followUp.kind };
    });
  }
}

async function databaseNow(manager: EntityManager): Promise<Date> {
  const [{ now }]: { now: Date }[] = await manager.query(`SELECT now() AS now`);
  return now;
}

function followUpColumn(followUp: LowRatingFollowUp): 'reopened' | 'escalated' | null {
  return followUp.kind === 'reopen' ? 'reopened' : followUp.kind === 'escalate' ? 'escalated' : null;
}

/** Tells the team's manager (through the notification service) about a low rating the policy does not reopen. */
async function escalate(
  tx: EntityManager,
  ticket: TicketRow,
  survey: SurveyRow,
  answer: { rating: number; comment: string | null },
  reason: string,
  actor: Actor,
): Promise<void> {
  await recordEvent(
    tx,
    'surveyEscalated',
    actor,
    { type: 'ticket', id: ticket.id, version: ticket.version },
    {
      surveyId: survey.id,
      ticketId: ticket.id,
      accountId: ticket.accountId,
      teamId: ticket.teamId,
      agentId: ticket.agentId ?? '',
      rating: answer.rating,
      comment: answer.comment ?? '',
      reason,
    },
  );
}
