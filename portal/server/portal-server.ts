import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { routeTargets } from './portal-routes';
import type { PortalRuntimeConfig } from './runtime-config';

export interface PortalServerOptions {
  /** The Vite build (index.html and assets/). */
  publicDir: string;
  config: PortalRuntimeConfig;
  /**
   * The gateway to forward /graphql, /surveys and ticket attachments to, when the portal's origin is also the API's (tests,
   * small installations). Behind an ingress that routes those paths itself, leave it unset.
   */
  gatewayUrl?: string;
  /** The customer service's HTTP base, for its imports and exports (PORTAL_CUSTOMER_URL); unset behind an ingress. */
  customerUrl?: string;
  /** The sales-pipeline service's HTTP base, for the lead import (PORTAL_SALES_PIPELINE_URL). */
  salesPipelineUrl?: string;
  /** Send HSTS (production behind TLS); off for plain-http local runs, where browsers would pin the host. */
  hsts: boolean;
}

/**
 * The portal's production server: the static build with strict security headers (CSP without inline scripts,
 * frame-ancestors none, HSTS, no referrer leaks), /config.json for the browser, index.html for every app route.
 */
export function createPortalServer(options: PortalServerOptions): Express {
  const index = join(options.publicDir, 'index.html');
  if (!existsSync(index)) throw new Error(`no portal build at ${options.publicDir} (run the portal's vite build)`);
  const keycloakOrigin = new URL(options.config.keycloakUrl).origin;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // One proxy per upstream, mounted at the root with a path filter: mounted on a path, Express would strip that
  // path from the forwarded URL (the gateway got "/" for "/graphql").
  const targets = routeTargets({
    gateway: options.gatewayUrl,
    customer: options.customerUrl,
    salesPipeline: options.salesPipelineUrl,
  });
  for (const { target, matches } of targets) {
    // Bodies stream through (a CSV import may be hundreds of megabytes): no body parser runs before these.
    const proxy = createProxyMiddleware({
      target,
      changeOrigin: true,
      xfwd: true,
      pathFilter: (path) => matches(path),
    });
    app.use((req, res, next) => void proxy(req, res, next));
  }

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // antd renders its styles at run time (CSS-in-JS): inline styles, never inline scripts.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          // The token endpoint (silent refresh) and the API; Keycloak pages are navigated to, never framed.
          'connect-src': ["'self'", keycloakOrigin],
          'frame-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'", keycloakOrigin],
          'base-uri': ["'self'"],
          'object-src': ["'none'"],
        },
      },
      strictTransportSecurity: options.hsts ? { maxAge: 63072000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    next();
  });

  app.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(options.config);
  });
  // Hashed file names: cached for a year; anything else revalidated.
  app.use(
    '/assets',
    express.static(join(options.publicDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(options.publicDir, { index: false, maxAge: 0 }));
  // Every other GET is an app route (deep links, reloads): the SPA decides, including "not found".
  app.get('/{*path}', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index, { dotfiles: 'allow' }); // the build may live under a dot folder (.tmp/...)
  });
  return app;
}
