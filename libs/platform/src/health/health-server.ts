import { createServer, type Server } from 'node:http';
import express, { type Router } from 'express';

/** Serves the health router on its own port (for services whose main port is gRPC only). Resolves once listening. */
export function startHealthServer(port: number, router: Router, host?: string): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(router);
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
