import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticate } from '../src/http/authenticate';
import { startFederatedFixture, type FederatedFixture } from './fixtures/federated-fixture';

/** What the stand-in ticket service saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bytes: number;
  complete: boolean;
}

const limit = 64 * 1024;
const fileBytes = Buffer.alloc(200 * 1024, 7);

// The bearer check's seam: a caller without a token is refused before anything reaches the ticket service.
const bearerOnly: Authenticate = (req, res, next) => {
  if (req.get('authorization')?.startsWith('Bearer ')) next();
  else res.status(401).json({ errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] });
};

/** Answers a client request (sent with node:http, so a body can be streamed in steps), with its status and body. */
function send(
  url: string,
  options: { method: string; headers?: Record<string, string | number> },
  write: (req: ReturnType<typeof request>) => Promise<void> | void,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    void Promise.resolve(write(req)).catch(reject);
  });
}

describe('ticket attachments through the gateway', () => {
  let fixture: FederatedFixture;
  let ticketService: Server;
  let seen: Seen[] = [];
  /** Resolved when the stand-in has received the first bytes of an upload (proves the gateway did not wait for all). */
  let firstBytes: Promise<void>;
  let gotFirstBytes: () => void = () => undefined;

  beforeAll(async () => {
    ticketService = createServer((req, res) => {
      const entry: Seen = { method: req.method!, url: req.url!, headers: req.headers, bytes: 0, complete: false };
      seen.push(entry);
      if (req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': fileBytes.length,
          'content-disposition': 'attachment; filename="scan.png"',
          'content-security-policy': "default-src 'none'; sandbox",
          'repr-digest': 'sha-256=:abc=:',
          'x-internal-only': 'not for the browser',
        });
        // Sent in pieces, as a file is read from disk.
        for (let i = 0; i < fileBytes.length; i += 16 * 1024) res.write(fileBytes.subarray(i, i + 16 * 1024));
        res.end();
        return;
      }
      req.on('data', (chunk: Buffer) => {
        entry.bytes += chunk.length;
        gotFirstBytes();
      });
      req.on('end', () => {
        entry.complete = true;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'att-1', sizeBytes: entry.bytes }));
      });
      req.on('error', () => undefined);
    });
    ticketService.listen(0, '127.0.0.1');
    await once(ticketService, 'listening');
    const { port } = ticketService.address() as AddressInfo;
    fixture = await startFederatedFixture(
      { attachments: { upstream: `http://127.0.0.1:${port}`, maxUploadBytes: limit } },
      bearerOnly,
    );
  });

  afterAll(async () => {
    await fixture?.stop();
    ticketService?.close();
  });

  beforeEach(() => {
    seen = [];
    firstBytes = new Promise((resolve) => (gotFirstBytes = resolve));
  });

  const uploadUrl = () => `${fixture.gatewayUrl}/tickets/t-1/attachments`;
  const caller = { authorization: 'Bearer caller-token', 'x-request-id': 'req-attach-1' };

  it('streams an upload to the ticket service with the caller’s token, file name and type, and returns its answer', async () => {
    const answer = await send(
      uploadUrl(),
      { method: 'POST', headers: { ...caller, 'content-type': 'image/png', 'x-file-name': 'scan%20one.png' } },
      async (req) => {
        req.write(fileBytes.subarray(0, 1024));
        // The rest is sent only once the service has the first kilobyte: a buffering proxy would wait forever here.
        await firstBytes;
        req.end(fileBytes.subarray(1024, 32 * 1024));
      },
    );
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body.toString())).toEqual({ id: 'att-1', sizeBytes: 32 * 1024 });
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/tickets/t-1/attachments',
        bytes: 32 * 1024,
        complete: true,
        headers: expect.objectContaining({
          authorization: 'Bearer caller-token',
          'x-request-id': 'req-attach-1',
          'content-type': 'image/png',
          'x-file-name': 'scan%20one.png',
        }),
      }),
    ]);
  });

  it('streams a download back with its type, name, digest and safety headers, and nothing else of the service’s', async () => {
    const answer = await send(
      `${fixture.gatewayUrl}/tickets/t-1/attachments/a%2F1`,
      { method: 'GET', headers: caller },
      (req) => {
        req.end();
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.equals(fileBytes)).toBe(true);
    expect(answer.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': 'attachment; filename="scan.png"',
      'content-security-policy': "default-src 'none'; sandbox",
      'repr-digest': 'sha-256=:abc=:',
    });
    expect(answer.headers['x-internal-only']).toBeUndefined();
    // The id stays one path segment: an encoded slash cannot reach another route of the service.
    expect(seen.map((s) => s.url)).toEqual(['/tickets/t-1/attachments/a%2F1']);
  });

  it('refuses a declared size over the limit with 413 without calling the ticket service', async () => {
    const answer = await send(
      uploadUrl(),
      { method: 'POST', headers: { ...caller, 'content-type': 'image/png', 'content-length': limit + 1 } },
      (req) => {
        req.on('error', () => undefined); // the gateway may close before the body is sent
        req.end();
      },
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(seen).toEqual([]);
  });

  it('cuts a streamed upload at the limit with 413 and aborts the ticket service’s request', async () => {
    const answer = await send(
      uploadUrl(),
      { method: 'POST', headers: { ...caller, 'content-type': 'image/png' } },
      (req) => {
        req.on('error', () => undefined);
        // Written in two steps, so it goes chunked, without a Content-Length to refuse it by.
        req.write(fileBytes.subarray(0, 1024));
        req.end(fileBytes.subarray(1024));
      },
    );
    expect(answer.status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ complete: false });
    expect(seen[0]!.bytes).toBeLessThanOrEqual(limit);
  });

  it('refuses a caller without a token before the ticket service sees anything', async () => {
    const answer = await send(uploadUrl(), { method: 'POST', headers: { 'content-type': 'image/png' } }, (req) => {
      req.end(fileBytes.subarray(0, 10));
    });
    expect(answer.status).toBe(401);
    expect(seen).toEqual([]);
  });
});

describe('ticket attachments through the gateway, with the ticket service down', () => {
  it('answers 502 naming the cause', async () => {
    const fixture = await startFederatedFixture({
      attachments: { upstream: 'http://127.0.0.1:1', maxUploadBytes: limit },
    });
    try {
      const answer = await fetch(`${fixture.gatewayUrl}/tickets/t-1/attachments/a-1`, {
        headers: { authorization: 'Bearer caller-token' },
      });
      expect(answer.status).toBe(502);
      expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
        'BAD_GATEWAY',
      );
    } finally {
      await fixture.stop();
    }
  });
});
