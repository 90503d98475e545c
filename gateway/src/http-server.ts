import { requestLog } from '@crm/platform/http';
import type { Logger } from '@crm/platform/logging';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { GraphEngine, SubgraphEndpoint } from './engine/graph-engine';
import { attachmentProxy, type AttachmentProxyOptions } from './http/attachment-proxy';
import type { Authenticate } from './http/authenticate';
import { errorResponses, notFound } from './http/error-responses';
import { forwardedHeaders } from './http/forwarded-headers';
import type { InFlightRequests } from './http/in-flight-requests';
import { enforceQueryLimits } from './http/query-limits-middleware';
import { requestId, requestIdOf } from './http/request-id';
import type { QueryLimits } from './limits/query-limits';
import { checkReadiness } from './readiness/readiness';

export interface HttpServerDependencies {
  readonly engine: GraphEngine;
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly limits: QueryLimits;
  readonly bodyLimitBytes: number;
  readonly attachments: AttachmentProxyOptions;
  readonly readinessTimeoutMs: number;
  readonly authenticate: Authenticate;
  readonly inFlight: InFlightRequests;
  readonly logger: Logger;
}

/**
 * The gateway's HTTP surface: /graphql (GET and POST), the ticket attachment routes (proxied), /healthz (liveness)
 * and /readyz (readiness).
 */
export function createHttpServer(deps: HttpServerDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId());
  app.use(requestLog(deps.logger));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    if (deps.inFlight.isDraining()) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const readiness = await checkReadiness(deps.engine, deps.subgraphs, deps.readinessTimeoutMs);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'unavailable', ...readiness });
  });

  const graphql: RequestHandler[] = [
    deps.inFlight.track(),
    deps.authenticate,
    enforceQueryLimits(deps.limits, () => deps.engine.apiSchema()),
    executeWith(deps.engine),
  ];
  app.get('/graphql', ...graphql);
  app.post('/graphql', express.json({ limit: deps.bodyLimitBytes }), ...graphql);

  // Ticket attachments: the portal talks to this host only (http/attachment-proxy.ts).
  const attachments = [deps.inFlight.track(), deps.authenticate, attachmentProxy(deps.attachments)];
  app.post('/tickets/:id/attachments', ...attachments);
  app.get('/tickets/:id/attachments/:attachmentId', ...attachments);

  app.use(notFound);
  app.use(errorResponses(deps.logger));
  return app;
}

function executeWith(engine: GraphEngine): RequestHandler {
  return async (req: Request, res: Response) => {
    const response = await engine.execute({
      http: {
        method: req.method,
        headers: flatHeaders(req),
        search: new URL(req.originalUrl, 'http://gateway').search,
        body: req.body,
      },
      forwardedHeaders: forwardedHeaders(req, requestIdOf(res)),
    });
    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
    if (typeof response.body === 'string') {
      res.send(response.body);
      return;
    }
    for await (const chunk of response.body) res.write(chunk);
    res.end();
  };
}

function flatHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
