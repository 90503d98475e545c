import { checkSurveyToken, signSurveyToken, surveyTokenHash } from './survey-link';

const secret = 'a-survey-link-secret-of-at-least-32-chars';
const surveyId = '0b5e6f0e-6a7c-4d2e-9f3a-1c2d3e4f5a6b';
const now = new Date('2026-11-30T10:00:00Z');
const expiresAt = new Date('2026-12-14T10:00:00Z');

/** The token with the character at `index` replaced by another base64url character. */
function withCharChanged(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

describe('survey link token', () => {
  const token = signSurveyToken({ surveyId, expiresAt }, secret);

  it('carries the survey id and the expiry, signed', () => {
    expect(checkSurveyToken(token, secret, now)).toEqual({ ok: true, claims: { surveyId, expiresAt } });
  });

  it('is URL-safe and short enough for a mail client', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(80);
  });

  it('is refused once its expiry has passed, still naming its survey', () => {
    expect(checkSurveyToken(token, secret, expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
      claims: { surveyId, expiresAt },
    });
  });

  it('is refused when signed with another secret', () => {
    const forged = signSurveyToken({ surveyId, expiresAt }, 'another-secret-that-is-long-enough-too');
    expect(checkSurveyToken(forged, secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('is refused when any one character is changed, the unused bits of the last ones included', () => {
    for (let index = 0; index < token.length; index++) {
      if (token[index] === '.') continue;
      const check = checkSurveyToken(withCharChanged(token, index), secret, now);
      expect(check.ok).toBe(false);
    }
  });

  it('cannot have its expiry pushed later without the secret', () => {
    const [payload, mac] = token.split('.');
    const bytes = Buffer.from(payload, 'base64url');
    bytes.writeBigUInt64BE(BigInt(expiresAt.getTime() + 365 * 86_400_000), 16);
    expect(checkSurveyToken(`${bytes.toString('base64url')}.${mac}`, secret, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    ['empty', ''],
    ['no dot', token.replace('.', '')],
    ['padding', `${token}=`],
    ['not base64url', token.replace(/^./, '+')],
    ['truncated', token.slice(0, -4)],
    ['overlong', `${token}${'A'.repeat(200)}`],
  ])('is refused as malformed when %s', (_case, text) => {
    expect(checkSurveyToken(text, secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is stored only as a hash', () => {
    expect(surveyTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(surveyTokenHash(token)).not.toContain(token);
    expect(surveyTokenHash(withCharChanged(token, 3))).not.toBe(surveyTokenHash(token));
  });
});
