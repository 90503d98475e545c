import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { isGatewayPath } from './gateway-paths';
import type { PortalRuntimeConfig } from './runtime-config';

export interface PortalServerOptions {
  /** The Vite build (index.html and assets/). */
  publicDir: string;
  config: PortalRuntimeConfig;
  /**
   * The gateway to forward /graphql, /surveys and /tickets to, when the portal's origin is also the API's (tests,
   * small installations). Behind an ingress that routes those paths itself, leave it unset.
   */
  gatewayUrl?: string;
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

  if (options.gatewayUrl) {
    // Mounted at the root with a path filter: mounting it on a path would strip that path from the forwarded URL.
    const proxy = createProxyMiddleware({
      target: options.gatewayUrl,
      changeOrigin: true,
      xfwd: true,
      pathFilter: (path) => isGatewayPath(path),
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
