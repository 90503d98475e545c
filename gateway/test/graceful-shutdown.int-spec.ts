import { postGraphql, startFederatedFixture, type FederatedFixture } from './fixtures/federated-fixture';

describe('gateway shutdown', () => {
  let fixture: FederatedFixture;

  beforeAll(async () => {
    fixture = await startFederatedFixture();
  });

  afterAll(async () => {
    await fixture.stop();
  });

  it('finishes the request in progress, then stops taking new ones', async () => {
    fixture.accounts.receivedHeaders.length = 0;
    const inProgress = postGraphql(fixture.gatewayUrl, { query: '{ account(id: "acc-1") { name deals { title } } }' });
    await until(() => fixture.accounts.receivedHeaders.length > 0);

    const stopped = fixture.gateway.stop();
    const answered = await inProgress;
    await stopped;

    expect(answered.status).toBe(200);
    expect(answered.body.data).toEqual(
      expect.objectContaining({ account: expect.objectContaining({ name: 'Acme Industrial' }) }),
    );
    await expect(fetch(`${fixture.gatewayUrl}/healthz`)).rejects.toThrow();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
