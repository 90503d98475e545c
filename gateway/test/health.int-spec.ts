import { postGraphql, startFederatedFixture, type FederatedFixture } from './fixtures/federated-fixture';

describe('gateway health endpoints', () => {
  let fixture: FederatedFixture;

  beforeAll(async () => {
    fixture = await startFederatedFixture();
  });

  afterAll(async () => {
    await fixture.stop();
  });

  it('/healthz answers 200 while the process runs', async () => {
    const response = await fetch(`${fixture.gatewayUrl}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('/readyz answers 200 when the engine is loaded and every subgraph answers', async () => {
    const response = await fetch(`${fixture.gatewayUrl}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expect.objectContaining({ status: 'ready', engine: 'loaded', failed: [] }));
  });

  it('/readyz answers 503 naming the subgraph that stopped, while /healthz stays 200', async () => {
    await fixture.deals.stop();

    const readiness = await fetch(`${fixture.gatewayUrl}/readyz`);
    const liveness = await fetch(`${fixture.gatewayUrl}/healthz`);

    expect(readiness.status).toBe(503);
    const body = (await readiness.json()) as {
      status: string;
      failed: string[];
      subgraphs: { name: string; ok: boolean }[];
    };
    expect(body.status).toBe('unavailable');
    expect(body.failed).toEqual(['deals']);
    expect(body.subgraphs).toContainEqual(expect.objectContaining({ name: 'accounts', ok: true }));
    expect(liveness.status).toBe(200);
  });

  it('answers a query needing the stopped subgraph without naming its address', async () => {
    const response = await postGraphql(fixture.gatewayUrl, { query: '{ account(id: "acc-1") { name deals { id } } }' });

    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    );
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
  });
});
