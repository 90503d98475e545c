import { Client } from 'pg';
import { clientCredentialsToken, passwordToken, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';

// How an ERP or billing system integrates: the confidential client crm-finance takes a client-credentials token from
// Keycloak (no user, no browser) and talks GraphQL to the gateway like any other caller.

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

describe('a finance system integrates through the gateway with the crm-finance service account', () => {
  let stack: Stack;
  let finance: string;
  let accountId: string;

  async function gateway<T>(token: string, query: string, variables?: Record<string, unknown>) {
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  beforeAll(async () => {
    stack = await startE2eStack('finance');
    finance = (await clientCredentialsToken('crm-finance')).accessToken;
    const rep = (await passwordToken('rep.east1')).accessToken;
    const created = await gateway<{ createAccount: { account: { id: string } } }>(
      rep,
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name: '华东精密仪器有限公司' } } },
    );
    expect(created.errors).toBeUndefined();
    accountId = created.data!.createAccount.account.id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('writes back payment terms and credit limit, and reads them with every account', async () => {
    const written = await gateway<{ updateAccountTerms: { creditLimit: { amount: string }; paymentTerms: string } }>(
      finance,
      `mutation($i: UpdateAccountTermsInput!) {
        updateAccountTerms(input: $i) { creditLimit { amount currencyCode } paymentTerms bankName }
      }`,
      {
        i: {
          id: accountId,
          terms: {
            creditLimit: { amount: '2500000.00', currencyCode: 'CNY' },
            paymentTerms: 'NET 60',
            bankName: '招商银行',
          },
        },
      },
    );
    expect(written.errors).toBeUndefined();
    expect(written.data!.updateAccountTerms).toEqual({
      creditLimit: { amount: '2500000.00', currencyCode: 'CNY' },
      paymentTerms: 'NET 60',
      bankName: '招商银行',
    });

    const read = await gateway<{ accounts: { edges: { node: Record<string, unknown> }[] } }>(
      finance,
      `{ accounts(search: "华东精密") { edges { node { id name creditLimit { amount currencyCode } paymentTerms } } } }`,
    );
    expect(read.errors).toBeUndefined();
    expect(read.extensions?.redactedFields).toBeUndefined();
    expect(read.data!.accounts.edges.map((e) => e.node)).toEqual([
      {
        id: accountId,
        name: '华东精密仪器有限公司',
        creditLimit: { amount: '2500000.00', currencyCode: 'CNY' },
        paymentTerms: 'NET 60',
      },
    ]);
  });

  it('may not change anything else, and the rep who owns the account does not see the terms', async () => {
    const edit = await gateway(finance, `mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { id } }`, {
      i: { id: accountId, account: { industry: 'instruments' } },
    });
    expect(edit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const create = await gateway(
      finance,
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name: 'Finance Made This Ltd' } } },
    );
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const rep = (await passwordToken('rep.east1')).accessToken;
    const seenByRep = await gateway<{ account: { paymentTerms: string | null; name: string } }>(
      rep,
      `query($id: ID!) { account(id: $id) { name paymentTerms } }`,
      { id: accountId },
    );
    expect(seenByRep.data!.account).toEqual({ name: '华东精密仪器有限公司', paymentTerms: null });
    expect(seenByRep.extensions?.redactedFields).toEqual([{ type: 'Account', id: accountId, field: 'paymentTerms' }]);
  });

  it('is audited as the service account, with its client id', async () => {
    const pg = new Client({ connectionString: stack.databases.customer });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ action: string; client_id: string | null; actor_roles: string[] }>(
        `SELECT action, client_id, actor_roles FROM audit_log
          WHERE entity_id = $1 AND action IN ('account.update_terms', 'account.read_sensitive') ORDER BY seq`,
        [accountId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['account.update_terms', 'account.read_sensitive']),
      );
      expect(rows.every((r) => r.client_id === 'crm-finance' && r.actor_roles.includes('finance'))).toBe(true);
    } finally {
      await pg.end();
    }
  });
});
