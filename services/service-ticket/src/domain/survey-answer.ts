// A customer's answer to a satisfaction survey (rating 1-5 and a comment), the survey's status, and what a low rating
// does to the ticket: reopen it within the reopen window, or escalate to the team's manager.
import { InputError, type FieldViolation } from '@crm/platform/errors';
import { reopenDeadline, type LifecycleSettings, type TicketStatus } from './ticket-lifecycle';

export const maxSurveyCommentLength = 2000;
export const surveyLowRatingActions = ['reopen', 'escalate'] as const;
export type SurveyLowRatingAction = (typeof surveyLowRatingActions)[number];

export interface SurveyAnswer {
  rating: number;
  /** Null when the customer wrote nothing. */
  comment: string | null;
}

export type SurveyStatus = 'sent' | 'answered' | 'expired';

/** The languages of the survey page and mail. */
export const surveyLocales = ['en', 'zh'] as const;
export type SurveyLocale = (typeof surveyLocales)[number];

/** The survey mail's language: Chinese when the ticket was written in Chinese, English when in Latin letters. */
export function surveyLocaleOf(ticketText: string, fallback: SurveyLocale): SurveyLocale {
  if (/\p{Script=Han}/u.test(ticketText)) return 'zh';
  return /[A-Za-z]/.test(ticketText) ? 'en' : fallback;
}

/** Reads the submitted form; refuses it naming the field and the rule. */
export function parseSurveyAnswer(form: Readonly<Record<string, unknown>>): SurveyAnswer {
  const violations: FieldViolation[] = [];
  const rawRating = form.rating;
  const ratingText = typeof rawRating === 'string' ? rawRating.trim() : null;
  const rating = ratingText !== null && /^[1-5]$/.test(ratingText) ? Number(ratingText) : null;
  if (rawRating === undefined || ratingText === '')
    violations.push({ path: ['rating'], rule: 'required', message: 'choose a rating from 1 to 5' });
  else if (rating === null)
    violations.push({ path: ['rating'], rule: 'integerRange', message: 'must be a whole number from 1 to 5' });
  const rawComment = form.comment;
  let comment: string | null = null;
  if (rawComment !== undefined && typeof rawComment !== 'string')
    violations.push({ path: ['comment'], rule: 'type', message: 'must be text' });
  else if (rawComment !== undefined) {
    comment = rawComment.trim() || null;
    // Counted in characters as a person sees them (code points), not UTF-16 units.
    if (comment && [...comment].length > maxSurveyCommentLength)
      violations.push({
        path: ['comment'],
        rule: 'maxLength',
        message: `at most ${maxSurveyCommentLength} characters`,
      });
  }
  if (violations.length || rating === null) throw new InputError(violations);
  return { rating, comment };
}

/** A survey is answered once; unanswered, it is open until its link expires. */
export function surveyStatus(survey: { answeredAt: Date | null; expiresAt: Date }, now: Date): SurveyStatus {
  if (survey.answeredAt) return 'answered';
  return now.getTime() >= survey.expiresAt.getTime() ? 'expired' : 'sent';
}

export interface LowRatingPolicy {
  /** Ratings at or below this are low (1-5). */
  threshold: number;
  action: SurveyLowRatingAction;
}

/** Why a low rating goes to the manager rather than back to the agent. */
export type EscalationReason = 'escalate_policy' | 'reopen_window_closed' | 'ticket_not_resolved';

export type LowRatingFollowUp =
  { kind: 'none' } | { kind: 'reopen'; reason: string } | { kind: 'escalate'; reason: EscalationReason };

export const lowRatingReopenReason = 'low satisfaction rating';

/**
 * What a rating does: nothing above the threshold; at or below it, the policy's action. Reopening needs a resolved or
 * closed ticket inside its reopen window: otherwise the rating is escalated instead, so no low rating goes unheard.
 */
export function lowRatingFollowUp(
  rating: number,
  ticket: { status: TicketStatus; resolvedAt: Date | null },
  policy: LowRatingPolicy,
  lifecycle: LifecycleSettings,
  now: Date,
): LowRatingFollowUp {
  if (rating > policy.threshold) return { kind: 'none' };
  if (policy.action === 'escalate') return { kind: 'escalate', reason: 'escalate_policy' };
  if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || !ticket.resolvedAt)
    return { kind: 'escalate', reason: 'ticket_not_resolved' };
  if (now.getTime() > reopenDeadline(ticket.resolvedAt, lifecycle).getTime())
    return { kind: 'escalate', reason: 'reopen_window_closed' };
  return { kind: 'reopen', reason: lowRatingReopenReason };
}
