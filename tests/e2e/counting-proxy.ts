import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of one service that counts the GraphQL requests it forwards (the gateway's subgraph calls). */
export interface CountingProxy {
  url: string;
  /** GraphQL POSTs forwarded since the last reset. */
  calls(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(port: number, target: () => string): Promise<CountingProxy> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') calls += 1;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers.set(name, value);
      }
      fetch(new URL(req.url ?? '/', target()), {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls: () => calls,
    reset: () => {
      calls = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
