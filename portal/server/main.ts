// The portal's production process: PORTAL_PUBLIC_DIR (the Vite build), PORT, PORTAL_GATEWAY_URL and
// PORTAL_CUSTOMER_URL, PORTAL_SALES_PIPELINE_URL (optional), PORTAL_HSTS, and the runtime config of runtime-config.ts.
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
  hsts: process.env.PORTAL_HSTS !== 'false',
});
const server = app.listen(port, () => {
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'portal listening', port })}\n`);
});
// Rolling updates: finish what is in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
