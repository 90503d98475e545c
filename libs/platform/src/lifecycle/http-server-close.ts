import type { Server } from 'node:http';

/**
 * Stops accepting connections at once and resolves when the requests being served have finished; keep-alive
 * connections still open after graceMs are cut. Call it in 'stop-accepting' and await the promise in 'drain'.
 */
export function closeHttpServer(server: Server, graceMs = 10_000): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs).unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
