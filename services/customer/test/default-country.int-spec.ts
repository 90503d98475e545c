import type { ImportReport } from '../src/import/import-report';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

describe('a customer service configured for another default country (DEFAULT_COUNTRY=US)', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_default_country', { defaultCountry: 'US' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reads national numbers as US numbers on create, in search and in an import, and US is the import address country', async () => {
    const created = await h.graphql<{ createAccount: { account: { id: string; phones: string[] } } }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id phones } } }`,
      { input: { account: { name: 'Golden Gate Traders', phones: ['(415) 555-2671', '+86 138 0000 1234'] } } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createAccount.account.phones).toEqual(['+14155552671', '+8613800001234']);
    const found = await h.graphql<{ accounts: { edges: { node: { name: string } }[] } }>(
      `{ accounts(search: "415-555-2671") { edges { node { name } } } }`,
    );
    expect(found.data?.accounts.edges.map((e) => e.node.name)).toEqual(['Golden Gate Traders']);

    const file = Buffer.from('name,phone,city\r\nEmpire Supplies,(212) 555-0100,New York\r\n');
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/accounts?dryRun=false`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token('admin1')}` },
      body: file,
    });
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ created: 1, failed: 0, errors: [] });
    const [row] = (await h.app.dataSource.query(`SELECT phones, addresses FROM accounts WHERE name = $1`, [
      'Empire Supplies',
    ])) as { phones: string[]; addresses: { city: string; countryCode: string }[] }[];
    expect(row.phones).toEqual(['+12125550100']);
    expect(row.addresses).toEqual([expect.objectContaining({ city: 'New York', countryCode: 'US' })]);
  });
});
