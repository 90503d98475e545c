// A survey link's token: the survey id and the link's expiry, signed with HMAC-SHA256, so the public page can trust
// both without a login. The single use is the survey row's (answered once); the signature only proves who issued it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Bytes of the signed part: the survey id (a UUID, 16 bytes) and the expiry in epoch milliseconds (8 bytes). */
const payloadBytes = 24;
const macBytes = 32;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const base64urlPattern = /^[A-Za-z0-9_-]+$/;

export interface SurveyLinkClaims {
  surveyId: string;
  expiresAt: Date;
}

/** Why a token is refused: not one of ours (malformed or a bad signature), or ours but past its expiry. */
export type SurveyTokenCheck =
  | { ok: true; claims: SurveyLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' }
  | { ok: false; reason: 'expired'; claims: SurveyLinkClaims };

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** The token of a survey's link: base64url(survey id + expiry) "." base64url(HMAC-SHA256 of those bytes). */
export function signSurveyToken(claims: SurveyLinkClaims, secret: string): string {
  if (!uuidPattern.test(claims.surveyId)) throw new Error('a survey id is a lower-case UUID');
  const payload = Buffer.alloc(payloadBytes);
  Buffer.from(claims.surveyId.replaceAll('-', ''), 'hex').copy(payload, 0);
  payload.writeBigUInt64BE(BigInt(claims.expiresAt.getTime()), 16);
  return `${payload.toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

/**
 * Decodes one part, refusing any text that is not the canonical encoding of its bytes: base64url ignores the unused
 * low bits of its last character, so without this check a changed last character could still verify.
 */
function decodePart(text: string, bytes: number): Buffer | null {
  if (!base64urlPattern.test(text)) return null;
  const decoded = Buffer.from(text, 'base64url');
  return decoded.length === bytes && decoded.toString('base64url') === text ? decoded : null;
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Checks a token's form, then its signature in constant time, then its expiry (only a signed expiry is believed). */
export function checkSurveyToken(token: string, secret: string, now: Date): SurveyTokenCheck {
  const dot = token.indexOf('.');
  if (dot < 0 || token.length > 128) return { ok: false, reason: 'malformed' };
  const payload = decodePart(token.slice(0, dot), payloadBytes);
  const given = decodePart(token.slice(dot + 1), macBytes);
  if (!payload || !given) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(mac(secret, payload), given)) return { ok: false, reason: 'bad_signature' };
  const claims = {
    surveyId: uuidOf(payload.subarray(0, 16)),
    expiresAt: new Date(Number(payload.readBigUInt64BE(16))),
  };
  return now.getTime() >= claims.expiresAt.getTime() ? { ok: false, reason: 'expired', claims } : { ok: true, claims };
}

/** What the database keeps of a token (never the token itself: a copy of the table must not answer surveys). */
export function surveyTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
