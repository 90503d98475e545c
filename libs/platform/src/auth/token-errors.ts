import { UnauthenticatedError } from '../errors';

/** Which check a bearer token failed; the 401 body names it so a caller can fix its request. */
export type TokenCheck =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not_yet_valid'
  | 'claims'
  | 'token_type'
  | 'client'
  | 'keys_unavailable';

const messages: Record<TokenCheck, string> = {
  missing: 'no bearer token: send Authorization: Bearer <access token>',
  malformed: 'the bearer token is not a well-formed JWT',
  algorithm: 'the token is signed with an algorithm this realm does not use (unsigned tokens are refused)',
  signature: 'the token signature does not verify against the realm keys',
  issuer: 'the token was issued by another issuer',
  audience: 'the token is not meant for this API (audience)',
  expired: 'the token has expired',
  not_yet_valid: 'the token is not valid yet (nbf)',
  claims: 'the token lacks a required claim',
  token_type: 'the token is not an access token (typ must be Bearer)',
  client: 'the token was issued to a client this API does not accept (azp)',
  keys_unavailable: 'the realm keys cannot be fetched right now',
};

export class TokenError extends UnauthenticatedError {
  readonly check: TokenCheck;
  constructor(check: TokenCheck, detail?: string) {
    super(detail ? `${messages[check]}: ${detail}` : messages[check], { check });
    this.check = check;
  }
}
