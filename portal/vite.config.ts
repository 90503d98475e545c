// Development: Vite serves the portal on :5173 and proxies the API paths to the gateway (PORTAL_GATEWAY_URL, default
// http://localhost:4000), so the browser talks to one origin as it does behind the production server or ingress.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { portalRuntimeConfig } from './server/runtime-config';
import { GATEWAY_PATH_PATTERNS } from './server/gateway-paths';

const gatewayUrl = process.env.PORTAL_GATEWAY_URL ?? 'http://localhost:4000';

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
    proxy: Object.fromEntries(GATEWAY_PATH_PATTERNS.map((path) => [path, { target: gatewayUrl, changeOrigin: false }])),
  },
  build: {
    outDir: process.env.PORTAL_OUT_DIR ?? '../dist/portal/public',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
