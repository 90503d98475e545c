import {
  lowRatingFollowUp,
  parseSurveyAnswer,
  surveyLocaleOf,
  surveyStatus,
  type LowRatingPolicy,
} from './survey-answer';
import type { LifecycleSettings, TicketStatus } from './ticket-lifecycle';
import { refusedFields } from './refused-fields';

const lifecycle: LifecycleSettings = { reopenWindowDays: 7, rootCauseCategories: ['defect'] };
const resolvedAt = new Date('2026-11-20T08:00:00Z');
const reopen: LowRatingPolicy = { threshold: 2, action: 'reopen' };
const escalate: LowRatingPolicy = { threshold: 2, action: 'escalate' };

describe('survey answer', () => {
  it('reads a rating and a trimmed comment', () => {
    expect(parseSurveyAnswer({ rating: '4', comment: '  很好，谢谢  ' })).toEqual({ rating: 4, comment: '很好，谢谢' });
  });

  it('keeps no comment when none or only blanks were written', () => {
    expect(parseSurveyAnswer({ rating: '5' })).toEqual({ rating: 5, comment: null });
    expect(parseSurveyAnswer({ rating: '5', comment: '   ' })).toEqual({ rating: 5, comment: null });
  });

  it.each([
    ['missing', {}, [['rating', 'required']]],
    ['blank', { rating: ' ' }, [['rating', 'required']]],
    ['zero', { rating: '0' }, [['rating', 'integerRange']]],
    ['six', { rating: '6' }, [['rating', 'integerRange']]],
    ['a fraction', { rating: '4.5' }, [['rating', 'integerRange']]],
    ['a word', { rating: 'five' }, [['rating', 'integerRange']]],
    ['sent twice', { rating: ['1', '5'] }, [['rating', 'integerRange']]],
    ['a comment sent twice', { rating: '3', comment: ['a', 'b'] }, [['comment', 'type']]],
    ['a comment over 2000 characters', { rating: '3', comment: '好'.repeat(2001) }, [['comment', 'maxLength']]],
  ])('refuses a rating that is %s, naming the field and the rule', (_case, form, refused) => {
    expect(refusedFields(() => parseSurveyAnswer(form))).toEqual(refused);
  });

  it('accepts a comment of exactly 2000 characters, counted as a person sees them', () => {
    expect(parseSurveyAnswer({ rating: '3', comment: '😀'.repeat(2000) }).comment).toHaveLength(4000);
  });
});

describe('survey status', () => {
  const expiresAt = new Date('2026-12-01T00:00:00Z');
  it('is sent until it expires, then expired, and answered once answered', () => {
    expect(surveyStatus({ answeredAt: null, expiresAt }, new Date('2026-11-30T23:59:59Z'))).toBe('sent');
    expect(surveyStatus({ answeredAt: null, expiresAt }, expiresAt)).toBe('expired');
    expect(surveyStatus({ answeredAt: new Date('2026-11-30T00:00:00Z'), expiresAt }, expiresAt)).toBe('answered');
  });
});

describe('survey language', () => {
  it.each([
    ['打印机卡纸 printer', 'en', 'zh'],
    ['Printer jammed', 'zh', 'en'],
    ['12345 !!!', 'zh', 'zh'],
    ['12345 !!!', 'en', 'en'],
  ] as const)('of "%s" (default %s) is %s', (text, fallback, expected) => {
    expect(surveyLocaleOf(text, fallback)).toBe(expected);
  });
});

describe('low rating follow-up', () => {
  const ticket = (status: TicketStatus = 'resolved') => ({ status, resolvedAt });
  const inWindow = new Date('2026-11-25T08:00:00Z');

  it('does nothing above the threshold', () => {
    expect(lowRatingFollowUp(3, ticket(), reopen, lifecycle, inWindow)).toEqual({ kind: 'none' });
    expect(lowRatingFollowUp(3, ticket(), escalate, lifecycle, inWindow)).toEqual({ kind: 'none' });
  });

  it.each([1, 2])('reopens at rating %i within the reopen window, saying why', (rating) => {
    expect(lowRatingFollowUp(rating, ticket(), reopen, lifecycle, inWindow)).toEqual({
      kind: 'reopen',
      reason: 'low satisfaction rating',
    });
    expect(lowRatingFollowUp(rating, ticket('closed'), reopen, lifecycle, inWindow).kind).toBe('reopen');
  });

  it('reopens on the last instant of the window, and escalates after it', () => {
    const deadline = new Date('2026-11-27T08:00:00Z');
    expect(lowRatingFollowUp(1, ticket(), reopen, lifecycle, deadline).kind).toBe('reopen');
    expect(lowRatingFollowUp(1, ticket(), reopen, lifecycle, new Date(deadline.getTime() + 1))).toEqual({
      kind: 'escalate',
      reason: 'reopen_window_closed',
    });
  });

  it('escalates when the policy says so', () => {
    expect(lowRatingFollowUp(2, ticket(), escalate, lifecycle, inWindow)).toEqual({
      kind: 'escalate',
      reason: 'escalate_policy',
    });
  });

  it('escalates a ticket someone already reopened', () => {
    expect(lowRatingFollowUp(1, { status: 'in_progress', resolvedAt: null }, reopen, lifecycle, inWindow)).toEqual({
      kind: 'escalate',
      reason: 'ticket_not_resolved',
    });
  });

  it('follows a configured threshold', () => {
    expect(lowRatingFollowUp(3, ticket(), { threshold: 3, action: 'reopen' }, lifecycle, inWindow).kind).toBe('reopen');
    expect(lowRatingFollowUp(2, ticket(), { threshold: 1, action: 'reopen' }, lifecycle, inWindow).kind).toBe('none');
  });
});
