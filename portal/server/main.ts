// The portal's production process: PORTAL_PUBLIC_DIR (the Vite build), PORT, PORTAL_GATEWAY_URL,
// PORTAL_CUSTOMER_URL, PORTAL_SALES_PIPELINE_URL and PORTAL_SERVICE_TICKET_URL (optional), PORTAL_HSTS, PORTAL_DRAIN_TIMEOUT_MS and the runtime
// config of runtime-config.ts.
import { resolve } from 'node:path';
import { createPortalServer } from './portal-server';
import { portalRuntimeConfig } from './runtime-config';

const port = Number(process.env.PORT ?? 8080);
const app = createPortalServer({
  publicDir: resolve(process.env.PORTAL_PUBLIC_DIR ?? 'dist/portal/public'),
  config: portalRuntimeConfig(process.env),
  gatewayUrl: process.env.PORTAL_GATEWAY_URL || undefined,
  customerUrl: process.env.PORTAL_CUSTOMER_URL || undefined,
  salesPipelineUrl: process.env.PORTAL_SALES_PIPELINE_URL || undefined,
  serviceTicketUrl: process.env.PORTAL_SERVICE_TICKET_URL || undefined,
  hsts: process.env.PORTAL_HSTS !== 'false',
});
// Express 5 hands a bind error (EADDRINUSE, EACCES) to this callback: exit instead of running on with no port.
const server = app.listen(port, (error?: Error) => {
  if (error) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', msg: 'portal could not listen', port, err: error.message })}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'portal listening', port })}\n`);
});
// Rolling updates: finish what is in flight, then exit; keep-alive connections get PORTAL_DRAIN_TIMEOUT_MS at most.
const drainMs = Number(process.env.PORTAL_DRAIN_TIMEOUT_MS ?? 20_000);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), drainMs).unref();
  });
}
