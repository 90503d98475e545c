import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation Create($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('customer service while NATS is down', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('readiness_without_nats');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function createAccount(name: string): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE, {
      input: { account: { name } },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createAccount.account.id;
  }

  it('stays ready (degraded nats), takes writes, and publishes their events once NATS is back', async () => {
    expect((await readyz()).body.status).toBe('ready');

    await h.nats.stop(false);
    await until(() => !h.app.bus.isConnected());

    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.degraded).toContain('nats');
    expect(body.checks).toMatchObject({ database: { status: 'ok' }, nats: { status: 'failing' } });

    await createAccount('Written While NATS Was Down Ltd');
    expect(await h.app.relay.pendingCount()).toBeGreaterThan(0);

    await h.nats.restart();
    await until(() => h.app.bus.isConnected());
    await until(async () => (await h.app.relay.pendingCount()) === 0, 30_000);
    const events = await h.streamEvents();
    expect(events.filter((e) => e.subject === 'crm.customer.account.created')).toHaveLength(1);
    expect((await readyz()).body.status).toBe('ready');
  });
});
