import { customerV1 } from '@crm/contracts';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { passwordToken, type Stack } from '@crm/testing';
import { Metadata } from '@grpc/grpc-js';
import { startE2eStack } from './e2e-stack';

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('the customer service through the gateway, as deployed (separate processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startE2eStack('gateway');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const bearer = async (username = 'rep.east1') => `Bearer ${(await passwordToken(username)).accessToken}`;

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<T>> {
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-request-1', authorization: await bearer() },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLBody<T>;
  }

  it('creates, reads, searches, updates, deletes and restores an account through the gateway, and gRPC sees the same data', async () => {
    const created = await gql<{ createAccount: { account: { id: string; name: string; phones: string[] } } }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id name phones } } }`,
      {
        input: {
          account: { name: '腾讯科技（深圳）有限公司', phones: ['+86 755 8601 3388'], tags: ['internet'], grade: 'A' },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAccount.account.id;
    expect(created.data!.createAccount.account.phones).toEqual(['+8675586013388']);

    const read = await gql<{ account: { name: string; grade: string; lifecycleStage: string } }>(
      `query($id: ID!) { account(id: $id) { name grade lifecycleStage } }`,
      { id },
    );
    expect(read.data?.account).toEqual({ name: '腾讯科技（深圳）有限公司', grade: 'A', lifecycleStage: 'PROSPECT' });

    const found = await gql<{ accounts: { edges: { node: { id: string } }[] } }>(
      `{ accounts(search: "腾讯科技") { edges { node { id } } } }`,
    );
    expect(found.data?.accounts.edges.map((e) => e.node.id)).toEqual([id]);

    const updated = await gql<{ updateAccount: { lifecycleStage: string; version: number } }>(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { lifecycleStage version } }`,
      { input: { id, account: { lifecycleStage: 'CUSTOMER' } } },
    );
    expect(updated.data?.updateAccount).toEqual({ lifecycleStage: 'CUSTOMER', version: 2 });

    const client = createGrpcClient(customerV1.CustomerServiceClient, stack.urls.customerGrpc);
    try {
      const metadata = new Metadata();
      metadata.set('authorization', await bearer());
      const viaGrpc = await callUnary<customerV1.SearchAccountsRequest, customerV1.SearchAccountsResponse>(
        client.searchAccounts,
        {
          query: '+86 755 8601 3388',
          filter: undefined,
          sortField: customerV1.AccountSortField.UNSPECIFIED,
          descending: false,
          page: { first: 5, after: '' },
        },
        { metadata },
      );
      expect(viaGrpc.accounts.map((a) => [a.id, a.lifecycleStage])).toEqual([[id, customerV1.LifecycleStage.CUSTOMER]]);
    } finally {
      client.close();
    }

    const deleted = await gql(`mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id });
    expect(deleted.errors).toBeUndefined();
    expect(
      (await gql<{ account: null }>(`query($id: ID!) { account(id: $id) { id } }`, { id })).data?.account,
    ).toBeNull();
    const restored = await gql<{ restoreAccount: { id: string } }>(
      `mutation($id: ID!) { restoreAccount(id: $id) { id } }`,
      { id },
    );
    expect(restored.data?.restoreAccount.id).toBe(id);
  });

  it('bad input comes back through the gateway as BAD_USER_INPUT naming the field', async () => {
    const res = await gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`, {
      input: { account: { name: 'Valid Name Ltd', emails: ['nope'] } },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.account.emails[0]' });
  });

  it('the gateway refuses an over-deep query before it reaches the service', async () => {
    const deep = `{ accounts { edges { node { contacts { edges { node { account { contacts { edges { node { account { contacts { edges { node { id } } } } } } } } } } } } } } }`;
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await bearer() },
      body: JSON.stringify({ query: deep }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphQLBody<unknown>;
    expect(body.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
  });
});
