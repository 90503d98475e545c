import type { Logger } from '@crm/platform/logging';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { graphqlErrorBody } from './graphql-error-body';
import { requestIdOf } from './request-id';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export const notFound: RequestHandler = (_req, res) => {
  res
    .status(404)
    .type('application/json')
    .send(graphqlErrorBody('not found', { code: 'NOT_FOUND' }));
};

/** The last handler: a JSON error with the request id, never a stack trace; unexpected errors are logged in full. */
export function errorResponses(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = clientErrorStatus(error);
    if (status === undefined) logger.error({ err: error, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const code = status === undefined ? 'INTERNAL_SERVER_ERROR' : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
    // Client errors come from body parsing and carry safe messages; anything else is described generically.
    const message = status !== undefined && error instanceof Error ? error.message : 'internal server error';
    res
      .status(status ?? 500)
      .type('application/json')
      .send(graphqlErrorBody(message, { code, requestId: requestIdOf(res) }));
  };
}

function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = 'status' in error ? error.status : 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
