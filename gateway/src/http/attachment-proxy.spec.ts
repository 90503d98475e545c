import { once } from 'node:events';
import { createServer, get, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { attachmentProxy } from './attachment-proxy';

const chunk = Buffer.alloc(64 * 1024, 7);
const chunks = 8;

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

describe('attachment download through the proxy', () => {
  let ticketService: Server;
  let gateway: Server;
  let served: ServerResponse | undefined;
  let closeListenersBefore = 0;
  let closeListenersMidway = 0;

  beforeAll(async () => {
    // The stand-in streams the file in steps and, midway, reads how many 'close' listeners the gateway's response holds.
    ticketService = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': chunk.length * chunks });
      let sent = 0;
      const next = (): void => {
        if (sent === chunks / 2) closeListenersMidway = served?.listenerCount('close') ?? 0;
        if (sent++ === chunks) {
          res.end();
          return;
        }
        res.write(chunk, () => setTimeout(next, 5));
      };
      next();
    });
    ticketService.listen(0, '127.0.0.1');
    await once(ticketService, 'listening');
    const app = express();
    app.use((_req, res, next) => {
      served = res;
      closeListenersBefore = res.listenerCount('close');
      next();
    });
    app.get(
      '/tickets/:id/attachments/:attachmentId',
      attachmentProxy({ upstream: `http://127.0.0.1:${portOf(ticketService)}`, maxUploadBytes: 1024 }),
    );
    gateway = app.listen(0, '127.0.0.1');
    await once(gateway, 'listening');
  });

  afterAll(async () => {
    gateway.closeAllConnections();
    ticketService.closeAllConnections();
    await Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => ticketService.close(r))]);
  });

  // Node warns past 10 listeners of one event; telemetry, the request log and the in-flight tracker hold 4 already.
  it('streams the whole file while adding at most two close listeners to the response', async () => {
    const body = await new Promise<Buffer>((resolve, reject) => {
      get(`http://127.0.0.1:${portOf(gateway)}/tickets/t1/attachments/a1`, (res) => {
        const received: Buffer[] = [];
        res.on('data', (c: Buffer) => received.push(c));
        res.on('end', () => resolve(Buffer.concat(received)));
      }).on('error', reject);
    });
    expect(body.length).toBe(chunk.length * chunks);
    expect(closeListenersMidway - closeListenersBefore).toBeLessThanOrEqual(2);
  });
});
