import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { createLogger } from '../logging';
import { nameRequestRoute, requestLog } from './request-log';

function captured() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('request-log-test', { level: 'info' }, stream) };
}

describe('the request log line', () => {
  const { lines, logger } = captured();
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(requestLog(logger));
    app.get('/healthz', (_req, res) => res.json({ ok: true }));
    app.get('/accounts/:id/contacts', (_req, res) => res.status(404).json({}));
    app.post('/graphql', (_req, res) => {
      nameRequestRoute('graphql', 'query AccountPage');
      res.json({ data: {} });
    });
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const lineFor = async (path: string, init?: RequestInit) => {
    await (await fetch(`${base}${path}`, init)).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return lines.filter((l) => l.msg === 'request').at(-1);
  };

  it('names a request by its route template, never its path, ids or query string', async () => {
    const line = await lineFor('/accounts/7f0c5d4e-1111-4222-8333-944455556666/contacts?email=li%40example.cn');
    expect(line).toMatchObject({
      protocol: 'http',
      route: 'GET /accounts/:id/contacts',
      status: 404,
      durationMs: expect.any(Number),
      level: 'info',
    });
    expect(JSON.stringify(lines)).not.toMatch(/7f0c5d4e|example\.cn|\?/);
  });

  it('takes the GraphQL operation a handler named', async () => {
    expect(await lineFor('/graphql', { method: 'POST' })).toMatchObject({
      protocol: 'graphql',
      route: 'query AccountPage',
      status: 200,
    });
  });

  it('marks a server failure as a warning and an unmatched path without naming it', async () => {
    expect(await lineFor('/boom')).toMatchObject({ route: 'GET /boom', status: 500, level: 'warn' });
    expect(await lineFor('/no/such/7f0c5d4e')).toMatchObject({ route: 'GET (no route)', status: 404 });
  });

  it('writes no line for probes', async () => {
    const before = lines.length;
    await lineFor('/healthz');
    expect(lines.length).toBe(before);
  });
});
