import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { TokenError, type Principal } from '../auth';
import { NotAllowedError } from '../errors';
import { createLogger } from '../logging';
import { authenticatedRoute, type RouteCaller } from './authenticated-route';

const principal: Principal = { subject: 'user-1', roles: ['sales-rep'], groups: [], token: 'good' };

describe('authenticated HTTP route', () => {
  let server: Server;
  let base: string;
  const seen: RouteCaller[] = [];
  const errors: unknown[] = [];
  const logger = createLogger('route-test', { level: 'silent' });
  logger.error = ((obj: unknown) => void errors.push(obj)) as typeof logger.error;

  beforeAll(async () => {
    const authenticate = async (req: Request) => {
      if (req.headers.authorization !== 'Bearer good') throw new TokenError('missing');
      return principal;
    };
    const tools = { authenticate, logger };
    const app = express();
    app.get(
      '/ok',
      authenticatedRoute({ ...tools, name: 'ok' }, async (_req, res, caller) => {
        seen.push(caller);
        res.json({ who: caller.actor.id });
      }),
    );
    app.get(
      '/forbidden',
      authenticatedRoute({ ...tools, name: 'forbidden' }, async () => {
        throw new NotAllowedError('your roles do not allow this');
      }),
    );
    app.get(
      '/broken',
      authenticatedRoute({ ...tools, name: 'broken' }, async () => {
        throw new Error('SELECT secret FROM users failed');
      }),
    );
    app.get(
      '/midstream',
      authenticatedRoute({ ...tools, name: 'midstream' }, async (_req, res) => {
        res.write('row 1\n');
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('database went away');
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, token = 'good') =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('runs the handler with the verified caller as an actor carrying the request id', async () => {
    const res = await fetch(`${base}/ok`, { headers: { authorization: 'Bearer good', 'x-request-id': 'req-42' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ who: 'user-1' });
    expect(seen[0].actor).toMatchObject({ id: 'user-1', requestId: 'req-42', roles: ['sales-rep'] });
  });

  it('refuses a request without a valid token with 401 naming the check, before the handler runs', async () => {
    const res = await get('/ok', 'forged');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', check: 'missing' } });
    expect(seen).toHaveLength(1);
  });

  it('maps domain errors to their status and hides anything else behind a logged 500', async () => {
    const forbidden = await get('/forbidden');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({
      error: { code: 'FORBIDDEN', message: 'your roles do not allow this' },
    });
    const broken = await get('/broken');
    expect(broken.status).toBe(500);
    expect(JSON.stringify(await broken.json())).not.toMatch(/secret/);
    expect(errors).toHaveLength(1);
  });

  it('cuts the connection when it fails after the response started, so the client sees it incomplete', async () => {
    const res = await get('/midstream');
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});
