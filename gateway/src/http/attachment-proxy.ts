import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import { forwardedHeaders } from './forwarded-headers';
import { graphqlErrorBody } from './graphql-error-body';
import { requestIdOf } from './request-id';

export interface AttachmentProxyOptions {
  /** The ticket service's HTTP origin (e.g. http://service-ticket:4003). */
  readonly upstream: string;
  readonly maxUploadBytes: number;
}

/** What the ticket service needs of an upload besides the caller's identity and trace (forwardedHeaders). */
const UPLOAD_HEADERS = ['content-type', 'content-length', 'x-file-name'];
/** What the browser needs of the ticket service's answer: the download's type, name, digest and its safety headers. */
const ANSWER_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'x-content-type-options',
  'content-security-policy',
  'cache-control',
  'repr-digest',
];

class UploadTooLarge extends Error {
  readonly status = 413;
  constructor(limit: number) {
    super(`an attachment is at most ${limit} bytes`);
  }
}

/** Counts the bytes passing and fails the stream past `limit`, so an oversized body never reaches the service whole. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? new UploadTooLarge(limit) : null, chunk);
    },
  });
}

function sendError(res: Response, status: number, message: string, code: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.setHeader('Connection', 'close');
  res
    .status(status)
    .type('application/json')
    .send(graphqlErrorBody(message, { code, requestId: requestIdOf(res) }));
}

function upstreamPath(req: Request): string {
  const { id, attachmentId } = req.params as { id: string; attachmentId?: string };
  const base = `/tickets/${encodeURIComponent(id)}/attachments`;
  return attachmentId === undefined ? base : `${base}/${encodeURIComponent(attachmentId)}`;
}

/**
 * `POST /tickets/:id/attachments` and `GET /tickets/:id/attachments/:attachmentId`, passed to the ticket service's own
 * routes (which authorize them with the caller's bearer token, passed through). Both bodies stream through: nothing
 * is held in memory whole. An upload over `maxUploadBytes` is refused with 413 before or while it streams, and the
 * service's request is aborted, so it stores nothing.
 */
export function attachmentProxy(options: AttachmentProxyOptions): RequestHandler {
  const origin = new URL(options.upstream);
  const send = origin.protocol === 'https:' ? httpsRequest : httpRequest;
  return (req, res) => {
    const declared = Number(req.get('content-length') ?? '0');
    if (req.method === 'POST' && declared > options.maxUploadBytes) {
      sendError(res, 413, new UploadTooLarge(options.maxUploadBytes).message, 'PAYLOAD_TOO_LARGE');
      return;
    }
    const headers: Record<string, string> = forwardedHeaders(req, requestIdOf(res));
    if (req.method === 'POST') {
      for (const name of UPLOAD_HEADERS) {
        const value = req.get(name);
        if (value !== undefined) headers[name] = value;
      }
    }
    const upstream: ClientRequest = send(new URL(upstreamPath(req), origin), { method: req.method, headers });
    let refused = false;
    upstream.on('response', (answer: IncomingMessage) => {
      res.status(answer.statusCode ?? 502);
      for (const name of ANSWER_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      // pipe, not stream.pipeline: pipeline's end-of-stream watchers add 7 'close' listeners to the response, past Node's
      // limit of 10 with the telemetry's, request log's and in-flight tracker's (MaxListenersExceededWarning).
      answer.on('error', () => res.destroy());
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!refused) sendError(res, 502, 'the ticket service did not answer', 'BAD_GATEWAY');
    });
    // The caller went away mid-transfer: stop the service's side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (req.method !== 'POST') {
      upstream.end();
      return;
    }
    const limit = byteLimit(options.maxUploadBytes);
    limit.on('error', (error: Error) => {
      refused = true;
      req.unpipe(limit);
      upstream.destroy();
      // Read and drop the rest of the body, so the caller gets the 413 instead of a reset connection.
      req.resume();
      sendError(res, 413, error.message, 'PAYLOAD_TOO_LARGE');
    });
    req.on('close', () => {
      if (!req.complete) upstream.destroy();
    });
    req.pipe(limit).pipe(upstream);
  };
}
