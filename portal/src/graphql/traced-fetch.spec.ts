import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import i18next from 'i18next';
import { Client, fetchExchange, gql } from 'urql';
import { en } from '../i18n/en';
import { describeError, errorReference } from './errors';
import { tracedFetch } from './traced-fetch';

const FAILING = gql`
  query TraceSpecFailing {
    me {
      id
    }
  }
`;

/** A stand-in gateway that records each request's headers and answers an internal error. */
function startGateway(): Promise<{ server: Server; url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: null, errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen }),
    ),
  );
}

const client = (url: string) => new Client({ url, fetch: tracedFetch, exchanges: [fetchExchange] });

describe('the GraphQL client: each request starts its own trace', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  const i18n = i18next.createInstance({ lng: 'en', resources: { en: { translation: en } } });
  beforeAll(async () => {
    await i18n.init();
    gateway = await startGateway();
  });
  afterAll(() => new Promise((resolve) => gateway.server.close(resolve)));

  it('sends a different W3C traceparent with every request', async () => {
    const api = client(gateway.url);
    await api.query(FAILING, {}).toPromise();
    await api.query(FAILING, {}, { requestPolicy: 'network-only' }).toPromise();
    const sent = gateway.seen.slice(-2).map((h) => h.traceparent);
    for (const value of sent) expect(value).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(sent[0]?.slice(3, 35)).not.toBe(sent[1]?.slice(3, 35));
  });

  it('names the failed request by the trace id it sent', async () => {
    const result = await client(gateway.url).query(FAILING, {}).toPromise();
    const traceId = gateway.seen.at(-1)?.traceparent?.toString().slice(3, 35);
    expect(result.error).toBeDefined();
    if (!result.error || !traceId) return;
    expect(errorReference(result.error)).toBe(traceId);
    expect(describeError(result.error, i18n.t)).toBe(
      `Something went wrong (boom). Try again; if it persists, tell your administrator the reference. Reference: ${traceId}`,
    );
  });

  it('names a request that never got an answer too', async () => {
    const closed = await startGateway();
    await new Promise((resolve) => closed.server.close(resolve));
    const result = await client(closed.url).query(FAILING, {}).toPromise();
    expect(result.error?.networkError).toBeDefined();
    if (!result.error) return;
    expect(errorReference(result.error)).toMatch(/^[0-9a-f]{32}$/);
    expect(describeError(result.error, i18n.t)).toMatch(
      /^The CRM cannot be reached\. Check your connection and try again\. Reference: [0-9a-f]{32}$/,
    );
  });
});
