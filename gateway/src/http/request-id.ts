import { randomUUID } from 'node:crypto';
import { runWithRequestContext } from '@crm/platform/logging';
import type { RequestHandler, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

// Accept a caller's id only when it is short and plain: it is echoed in headers, logs and subgraph requests.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (the caller's x-request-id, or a new UUID), echoes it, and puts it in the log context. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    runWithRequestContext({ requestId: id }, next);
  };
}

export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : '';
}
