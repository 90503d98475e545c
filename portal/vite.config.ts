// Development: Vite serves the portal on :5173 and proxies the API paths to the gateway (PORTAL_GATEWAY_URL, default
// http://localhost:4000) and the CSV routes to their services (PORTAL_CUSTOMER_URL, default http://localhost:4001;
// PORTAL_SALES_PIPELINE_URL, default http://localhost:4002), so the browser talks to one origin as it does behind the production server or ingress.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { portalRuntimeConfig } from './server/runtime-config';
import { routeTargets } from './server/portal-routes';

const upstreams = {
  gateway: process.env.PORTAL_GATEWAY_URL ?? 'http://localhost:4000',
  customer: process.env.PORTAL_CUSTOMER_URL ?? 'http://localhost:4001',
  salesPipeline: process.env.PORTAL_SALES_PIPELINE_URL ?? 'http://localhost:4002',
};

/** Serves /config.json in development from the same environment variables the production server reads. */
function runtimeConfigPlugin(): Plugin {
  return {
    name: 'crm-runtime-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(portalRuntimeConfig(process.env)));
      });
    },
  };
}

// Vite reads the config's default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), runtimeConfigPlugin()],
  server: {
    port: Number(process.env.PORTAL_PORT ?? 5173),
    strictPort: true,
    // Keys starting with ^ are patterns to Vite.
    proxy: Object.fromEntries(
      routeTargets(upstreams).flatMap(({ target, patterns }) =>
        patterns.map((pattern) => [pattern, { target, changeOrigin: false }]),
      ),
    ),
  },
  build: {
    outDir: process.env.PORTAL_OUT_DIR ?? '../dist/portal/public',
    emptyOutDir: true,
    // Maps for error reports, not referenced by the served files (no source listing for every visitor).
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
  },
});
