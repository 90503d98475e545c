import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LoggerOptions } from 'pino';

/** What every log line of a request carries. */
export interface RequestContext {
  requestId: string;
  actorId?: string;
}

const requestContext = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestContext.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return requestContext.getStore();
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** [A-Za-z0-9._%+-]: what an address's local part is made of. */
const isLocal = (c: number) => isLetter(c) || isDigit(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
/** [A-Za-z0-9.-]: what its domain is made of. */
const isDomain = (c: number) => isLetter(c) || isDigit(c) || c === 46 || c === 45;

/**
 * Masks `local@domain.tld` addresses as `l***@domain.tld`. A scan, not a regular expression: every character is looked
 * at by one '@' at most (runs stop at '@'), so the time is linear whatever the text; recheck could not settle the
 * regular expression it replaces (one run in several called it polynomial).
 */
function maskEmails(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > copied && isLocal(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    let domainEnd = at + 1;
    while (domainEnd < text.length && isDomain(text.charCodeAt(domainEnd))) domainEnd++;
    // The last dot of the domain run that has a label before it and two or more letters after it ends the address.
    let end = -1;
    for (let dot = domainEnd - 1; dot > at + 1 && end === -1; dot--) {
      if (text.charCodeAt(dot) !== 46) continue;
      let letters = dot + 1;
      while (letters < domainEnd && isLetter(text.charCodeAt(letters))) letters++;
      if (letters - dot - 1 >= 2) end = letters;
    }
    if (end === -1) continue;
    out += `${text.slice(copied, start)}${text[start]}***@${text.slice(at + 1, end)}`;
    copied = end;
    at = end - 1;
  }
  return copied ? out + text.slice(copied) : text;
}

// International or Chinese mobile/landline numbers: +, digits, spaces, dashes, parentheses; 7+ digits.
const PHONE = /(?<![\w-])\+?\d[\d\s().-]{5,}\d(?![\w-])/g;

/** Paths whose next segment is a credential (a signed link that needs no login): service-ticket's survey links. */
const CREDENTIAL_PATHS = ['/surveys/'];
const endsSegment = (c: string) => '/?#&"\'<> \t\r\n'.includes(c);

/** `…/surveys/<token>…` → `…/surveys/***…`, by a linear scan: the link's owner may answer with it, a reader must not. */
export function maskCredentialLinks(text: string): string {
  let out = text;
  for (const marker of CREDENTIAL_PATHS) {
    let masked = '';
    let copied = 0;
    for (let at = out.indexOf(marker); at !== -1; at = out.indexOf(marker, copied)) {
      const start = at + marker.length;
      let end = start;
      while (end < out.length && !endsSegment(out[end])) end++;
      masked += end > start ? `${out.slice(copied, start)}***` : out.slice(copied, start);
      copied = end;
    }
    out = copied ? masked + out.slice(copied) : out;
  }
  return out;
}

/** [A-Za-z0-9_-]: what a base64url segment of a token is made of. */
const isTokenChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 45;

/**
 * Masks bearer credentials in free text: the word after `Bearer ` and any JWT (`eyJ…` with two dots), so a header or
 * token pasted into a message never reaches the logs. A scan: each character is looked at a bounded number of times.
 */
export function maskTokens(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    let start = -1;
    if (text.startsWith('eyJ', i) && (i === 0 || !isTokenChar(text.charCodeAt(i - 1)))) start = i;
    else if ((text.startsWith('Bearer ', i) || text.startsWith('bearer ', i)) && i + 7 < text.length) start = i + 7;
    if (start === -1) continue;
    let end = start;
    while (
      end < text.length &&
      (isTokenChar(text.charCodeAt(end)) ||
        text[end] === '.' ||
        text[end] === '~' ||
        text[end] === '+' ||
        text[end] === '/' ||
        text[end] === '=')
    )
      end++;
    const dots = text.slice(start, end).split('.').length - 1;
    if (end > start && (start !== i || dots === 2)) {
      out += `${text.slice(copied, start)}[token]`;
      copied = end;
    }
    i = Math.max(i, end - 1);
  }
  return copied ? out + text.slice(copied) : text;
}

/** Masks emails, phone numbers, bearer tokens and the credentials of signed links anywhere in a string. */
export function redactPersonalData(text: string): string {
  return maskEmails(maskTokens(maskCredentialLinks(text))).replace(PHONE, (m) =>
    m.replace(/\D/g, '').length >= 7 ? `***${m.replace(/\D/g, '').slice(-2)}` : m,
  );
}

const SENSITIVE_KEYS =
  /^(authorization|password|secret|token|access_token|refresh_token|cookie|client_secret|survey_?url)$/i;
const PERSONAL_KEYS = /^(email|emails|phone|phones|mobile|birthday|tax_?id|taxId|bank.*)$/i;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  // Errors keep type, code, message and stack only: driver errors carry queries and parameters full of personal data.
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      message: redactPersonalData(value.message),
      stack: value.stack ? redactPersonalData(value.stack) : undefined,
    };
  }
  if (typeof value === 'string') return redactPersonalData(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEYS.test(k) ? '[secret]' : PERSONAL_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** A pino JSON logger that adds the request id and trace id, and redacts secrets and personal data. */
export function createLogger(
  service: string,
  options: LoggerOptions = {},
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => scrub(a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
      mixin() {
        const ctx = requestContext.getStore();
        const span = trace.getActiveSpan()?.spanContext();
        return {
          ...(ctx ? { requestId: ctx.requestId, actorId: ctx.actorId } : {}),
          ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
        };
      },
      ...options,
    },
    destination,
  );
}

export type { Logger };
