// A parsed inbound email as the mail gateway posts it, checked and reduced to what a ticket keeps: a normalized sender,
// a plain-text body within its cap, and the message ids and ticket number that may tie it to an existing thread.
import { RE2JS } from 're2js';
import { normalizeEmail } from '@crm/platform/contact-points';
import { InputError, type FieldViolation } from '@crm/platform/errors';

export interface InboundEmail {
  /** The normalized sender address (the ticket's requester). */
  from: string;
  subject: string;
  /** Plain text, markup removed, at most `maxInboundBodyChars`. */
  body: string;
  /** The message's own Message-ID, without angle brackets: the idempotency key. */
  messageId: string;
  /** In-Reply-To first, then References newest first: the messages this one answers. */
  repliesTo: string[];
  receivedAt: Date;
}

export const maxInboundBodyChars = 20_000;
const maxSubjectChars = 300;
const maxMessageIdChars = 998;
const maxReferences = 50;
const ticketNumberInSubject = /\[(TK-\d{4}-\d{6,})\]/i;

/** `<a@b>` and `a@b` are the same message id. */
function messageIdOf(raw: string): string {
  return raw
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim();
}

// The body is the customer's input: its markup is taken out with RE2 (linear time whatever the text), never with a
// backtracking RegExp (recheck finds '<'.repeat(n) polynomial in the obvious patterns).
const scriptsAndStyles = RE2JS.compile('<(?:script|style)\\b[\\s\\S]*?</(?:script|style)\\s*>', RE2JS.CASE_INSENSITIVE);
const lineBreakTags = RE2JS.compile('<br\\s*/?>|</p\\s*>', RE2JS.CASE_INSENSITIVE);
const anyTag = RE2JS.compile('<[^>]*>');
const spaceBeforeNewline = RE2JS.compile('[^\\S\\n]+\\n');

const removeAll = (pattern: RE2JS, text: string, replacement = ''): string =>
  pattern.matcher(text).replaceAll(replacement);

/** Markup out, entities of the common characters decoded, whitespace runs tidied: what a person would read. */
export function plainTextOf(body: string): string {
  const withoutMarkup = removeAll(anyTag, removeAll(lineBreakTags, removeAll(scriptsAndStyles, body), '\n'));
  const decoded = withoutMarkup
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, '&');
  return removeAll(spaceBeforeNewline, decoded.replace(/\r\n?/g, '\n'), '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The ticket number written in a subject as `[TK-2026-000123]`, upper-cased, or null. */
export function ticketNumberIn(subject: string): string | null {
  return ticketNumberInSubject.exec(subject)?.[1].toUpperCase() ?? null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Checks the gateway's JSON; bad input names every field and rule (the mail gateway logs it, never the content). */
export function parseInboundEmail(input: Record<string, unknown>, now: Date): InboundEmail {
  const violations: FieldViolation[] = [];
  const refuse = (field: string, rule: string, message: string) => violations.push({ path: [field], rule, message });

  const from = text(input.from) === null ? null : normalizeEmail(text(input.from) ?? '');
  if (!from) refuse('from', 'email', 'must be the sender’s email address');
  const subject = (text(input.subject) ?? '').replace(/\s+/g, ' ').trim();
  if (input.subject !== undefined && text(input.subject) === null) refuse('subject', 'type', 'must be a string');
  const rawBody = text(input.text);
  if (rawBody === null) refuse('text', 'required', 'must be the message’s text body');
  const body = plainTextOf(rawBody ?? '').slice(0, maxInboundBodyChars);
  if (rawBody !== null && !body && !subject) refuse('text', 'required', 'the message has neither text nor subject');
  const messageId = messageIdOf(text(input.messageId) ?? '');
  if (!messageId) refuse('messageId', 'required', 'must be the message’s Message-ID');
  else if (messageId.length > maxMessageIdChars)
    refuse('messageId', 'maxLength', `at most ${maxMessageIdChars} characters`);

  const inReplyTo = input.inReplyTo === undefined || input.inReplyTo === null ? null : text(input.inReplyTo);
  if (input.inReplyTo !== undefined && input.inReplyTo !== null && inReplyTo === null)
    refuse('inReplyTo', 'type', 'must be a message id');
  const references = input.references ?? [];
  if (!Array.isArray(references) || references.some((r) => typeof r !== 'string'))
    refuse('references', 'type', 'must be a list of message ids');
  else if (references.length > maxReferences * 10)
    refuse('references', 'maxItems', `at most ${maxReferences * 10} message ids`);

  let receivedAt = now;
  if (input.receivedAt !== undefined && input.receivedAt !== null) {
    const parsed = typeof input.receivedAt === 'string' ? new Date(input.receivedAt) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) refuse('receivedAt', 'datetime', 'must be an ISO 8601 instant');
    else if (parsed.getTime() > now.getTime() + 5 * 60_000) refuse('receivedAt', 'past', 'must not be in the future');
    else receivedAt = parsed;
  }
  if (violations.length) throw new InputError(violations);

  const referenced = (Array.isArray(references) ? (references as string[]) : []).map(messageIdOf).reverse();
  const repliesTo = [...new Set([...(inReplyTo ? [messageIdOf(inReplyTo)] : []), ...referenced])]
    .filter((id) => id && id !== messageId && id.length <= maxMessageIdChars)
    .slice(0, maxReferences);
  return {
    from: from as string,
    subject: subject.slice(0, maxSubjectChars) || '(no subject)',
    body: body || subject,
    messageId,
    repliesTo,
    receivedAt,
  };
}
