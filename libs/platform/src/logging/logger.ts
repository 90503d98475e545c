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

// Starts only where a run of address characters starts: without the lookbehind V8 rescans the run from each of its
// characters, which is quadratic on a long run without '@' (issue 7).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// International or Chinese mobile/landline numbers: +, digits, spaces, dashes, parentheses; 7+ digits.
const PHONE = /(?<![\w-])\+?\d[\d\s().-]{5,}\d(?![\w-])/g;

/** Masks emails and phone numbers anywhere in a string. */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, (m) => `${m[0]}***@${m.split('@')[1]}`)
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? `***${m.replace(/\D/g, '').slice(-2)}` : m));
}

const SENSITIVE_KEYS = /^(authorization|password|secret|token|access_token|refresh_token|cookie|client_secret)$/i;
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
