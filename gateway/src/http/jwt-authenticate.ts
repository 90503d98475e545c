import { TokenError, bearerToken, type TokenVerifier } from '@crm/platform/auth';
import type { Logger } from '@crm/platform/logging';
import type { Authenticate } from './authenticate';
import { graphqlErrorBody } from './graphql-error-body';
import { requestIdOf } from './request-id';

/**
 * Verifies the Keycloak bearer token before anything else runs. A missing, expired, wrongly signed or wrong-audience
 * token gets 401 with a JSON body naming the failed check; the token itself is forwarded to the subgraphs, which
 * verify it again.
 */
export function jwtAuthenticate(verifier: TokenVerifier, logger: Logger): Authenticate {
  return (req, res, next) => {
    verifier.verify(bearerToken(req.headers.authorization)).then(
      (principal) => {
        res.locals.principal = principal;
        next();
      },
      (error: unknown) => {
        const check = error instanceof TokenError ? error.check : 'malformed';
        const message = error instanceof TokenError ? error.message : 'the bearer token could not be verified';
        if (!(error instanceof TokenError)) logger.error({ err: error }, 'token verification failed unexpectedly');
        const status = check === 'keys_unavailable' ? 503 : 401;
        res
          .status(status)
          .set('WWW-Authenticate', `Bearer realm="crm", error="invalid_token", error_description="${check}"`)
          .type('application/json')
          .send(
            graphqlErrorBody(message, {
              code: status === 401 ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE',
              check,
              requestId: requestIdOf(res),
            }),
          );
      },
    );
  };
}
