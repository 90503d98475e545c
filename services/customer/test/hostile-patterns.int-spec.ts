import { runMigrations } from '@crm/platform/db';
import { createTestDatabase, passwordToken, startNats, type NatsServer, type TestDatabase } from '@crm/testing';
import { customerDataSource } from '../src/db/data-source';
import { spawnCustomerProcess, type CustomerProcess } from './customer-process';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('no custom field value can hang the customer service', () => {
  let db: TestDatabase;
  let nats: NatsServer;
  let service: CustomerProcess;
  beforeAll(async () => {
    db = await createTestDatabase('customer_hostile_patterns');
    nats = await startNats();
    await runMigrations(customerDataSource(db.url, 1));
    service = await spawnCustomerProcess(db.url, nats.url);
  });
  afterAll(async () => {
    await service?.kill();
    await nats?.stop();
    await db?.drop();
  });

  const graphql = async (token: string, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${service.httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };

  it('refuses 40 "a" and a "!" against ^(a+)+$ at once, and /healthz answers meanwhile', async () => {
    const defined = await graphql(
      (await passwordToken('admin1')).accessToken,
      `
        mutation ($i: CustomFieldDefinitionInput!) {
          defineCustomField(input: $i) {
            key
          }
        }
      `,
      { i: { objectType: 'ACCOUNT', key: 'serial', label: 'Serial', type: 'TEXT', pattern: '^(a+)+$' } },
    );
    expect(defined.errors).toBeUndefined();

    const repToken = (await passwordToken('rep.east1')).accessToken;
    let answered = false;
    const save = graphql(
      repToken,
      `
        mutation ($input: CreateAccountInput!) {
          createAccount(input: $input) {
            account {
              id
            }
          }
        }
      `,
      { input: { account: { name: 'Hostile Pattern Co', customFields: { serial: `${'a'.repeat(40)}!` } } } },
    ).finally(() => (answered = true));
    // While the save is in flight, the liveness probe answers as Kubernetes expects it to (2 s timeout).
    const started = Date.now();
    const probes: (number | string)[] = [];
    do {
      await new Promise((r) => setTimeout(r, 200));
      probes.push(
        await fetch(`http://127.0.0.1:${service.httpPort}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
          (res) => res.status,
          (error: Error) => `no answer: ${error.name}`,
        ),
      );
    } while (!answered && Date.now() - started < 6_000);
    expect(probes).toEqual(probes.map(() => 200));
    expect(answered).toBe(true);
    const saved = await save;
    expect(saved.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'input.account.customFields.serial',
        violations: [expect.objectContaining({ rule: 'pattern', message: 'Serial: must match ^(a+)+$' })],
      },
    });
  }, 30_000);
});
