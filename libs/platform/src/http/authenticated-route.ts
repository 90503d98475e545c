import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { actorFromPrincipal, sourceIpOf, type Actor, type HttpAuthenticate, type Principal } from '../auth';
import { toHttpError } from '../errors';
import type { Logger } from '../logging';

/** Who calls an authenticated route: the verified principal and the actor built from it (request id, address). */
export interface RouteCaller {
  principal: Principal;
  actor: Actor;
}

export interface AuthenticatedRouteOptions {
  authenticate: HttpAuthenticate;
  logger: Logger;
  /** Names the route in error logs, e.g. `account export`. */
  name: string;
}

/**
 * An express handler that verifies the bearer token before anything else and maps every error once: a domain error
 * to its status and code (401 for a bad token, 403, 400 naming the field), anything else to an opaque 500 that is
 * logged. An error after the response started (a stream) cuts the connection, so the client sees it incomplete.
 */
export function authenticatedRoute(
  options: AuthenticatedRouteOptions,
  handle: (req: Request, res: Response, caller: RouteCaller) => Promise<void>,
): RequestHandler {
  const { authenticate, logger, name } = options;
  return async (req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    try {
      const principal = await authenticate(req);
      await handle(req, res, { principal, actor: actorFromPrincipal(principal, requestId, sourceIpOf(req)) });
    } catch (error) {
      if (res.headersSent) {
        logger.error({ err: error, requestId }, `${name} failed while responding`);
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      const { status, body } = toHttpError(error);
      if (status === 500) logger.error({ err: error, requestId }, `${name} failed`);
      res.status(status).json(body);
    }
  };
}
