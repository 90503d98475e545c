// Spam check of a public web-form submission: a filled honeypot, or a form sent faster than a person can fill it.
// The rendered-at time comes from the payload, so the host signs it when rendering and checks the signature first.

export interface SpamSettings {
  /** Hidden field people never see; bots fill every field. */
  honeypotField: string;
  /** Field carrying when the form was rendered (epoch milliseconds or an ISO 8601 instant). */
  renderedAtField: string;
  /** A person needs at least this long to fill the form. */
  minFillSeconds: number;
  /** Older forms are refused (a replayed page). */
  maxFormAgeSeconds: number;
}

export const defaultSpamSettings: SpamSettings = {
  honeypotField: 'website',
  renderedAtField: 'renderedAt',
  minFillSeconds: 3,
  maxFormAgeSeconds: 24 * 60 * 60,
};

/** Clocks of the browser-facing host and this service may differ a little. */
const clockSkewMs = 5000;

export type SpamReason =
  'honeypot_filled' | 'render_time_missing' | 'render_time_in_future' | 'too_fast' | 'form_expired';

export type SpamVerdict = { spam: false } | { spam: true; reason: SpamReason };

function renderedAt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim()) {
    const text = value.trim();
    const time = /^\d{10,16}$/.test(text) ? Number(text) : Date.parse(text);
    return Number.isFinite(time) ? time : null;
  }
  return null;
}

/** The verdict on one submission; the first reason found is returned (honeypot first: the cheapest, surest sign). */
export function judgeSubmission(
  payload: Record<string, unknown>,
  now: Date,
  settings: SpamSettings = defaultSpamSettings,
): SpamVerdict {
  const honeypot = payload[settings.honeypotField];
  if (honeypot !== undefined && honeypot !== null && String(honeypot).trim() !== '') {
    return { spam: true, reason: 'honeypot_filled' };
  }
  const rendered = renderedAt(payload[settings.renderedAtField]);
  if (rendered === null) return { spam: true, reason: 'render_time_missing' };
  const elapsedMs = now.getTime() - rendered;
  if (elapsedMs < -clockSkewMs) return { spam: true, reason: 'render_time_in_future' };
  if (elapsedMs < settings.minFillSeconds * 1000) return { spam: true, reason: 'too_fast' };
  if (elapsedMs > settings.maxFormAgeSeconds * 1000) return { spam: true, reason: 'form_expired' };
  return { spam: false };
}
