import type { Server } from 'node:http';
import type { Express } from 'express';

/**
 * Listens and resolves once the port is bound; rejects with the bind error (EADDRINUSE, EACCES).
 *
 * Express 5 hands a listen error to the callback as its argument: a callback that ignores it goes on as if the
 * server were up, and the process runs on with no port (a CI stack waited a minute for a readiness that never came).
 */
export function listenHttp(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}
