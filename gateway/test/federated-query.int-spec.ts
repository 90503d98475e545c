import { MALFORMED_ACCOUNT_ID } from './fixtures/fixture-resolvers';
import { postGraphql, startFederatedFixture, type FederatedFixture } from './fixtures/federated-fixture';

describe('gateway over two real subgraphs', () => {
  let fixture: FederatedFixture;

  beforeAll(async () => {
    fixture = await startFederatedFixture();
  });

  afterAll(async () => {
    await fixture.stop();
  });

  it('answers a query joined across both subgraphs', async () => {
    const response = await postGraphql(fixture.gatewayUrl, {
      query: '{ account(id: "acc-1") { id name deals(first: 5) { id title } } }',
    });

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      account: {
        id: 'acc-1',
        name: 'Acme Industrial',
        deals: [
          { id: 'deal-1', title: 'Acme renewal 2027' },
          { id: 'deal-2', title: 'Acme expansion' },
        ],
      },
    });
  });

  it('joins the other way round, from a deal to its account name', async () => {
    const response = await postGraphql(fixture.gatewayUrl, {
      query: '{ deal(id: "deal-3") { title account { name } } }',
    });

    expect(response.body.data).toEqual({ deal: { title: 'Globex pilot', account: { name: 'Globex Trading' } } });
  });

  it('forwards the authorization, x-request-id and traceparent headers to every subgraph it calls', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    fixture.accounts.receivedHeaders.length = 0;
    fixture.deals.receivedHeaders.length = 0;

    const response = await postGraphql(
      fixture.gatewayUrl,
      { query: '{ account(id: "acc-2") { name deals { title } } }' },
      { authorization: 'Bearer test-token', 'x-request-id': 'req-forward-1', traceparent },
    );

    expect(response.headers.get('x-request-id')).toBe('req-forward-1');
    for (const subgraph of [fixture.accounts, fixture.deals]) {
      expect(subgraph.receivedHeaders).toContainEqual(
        expect.objectContaining({ authorization: 'Bearer test-token', 'x-request-id': 'req-forward-1', traceparent }),
      );
    }
  });

  it('gives a request without an id a new one, sends it to the subgraphs and returns it', async () => {
    fixture.accounts.receivedHeaders.length = 0;

    const response = await postGraphql(fixture.gatewayUrl, { query: '{ account(id: "acc-1") { name } }' });

    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fixture.accounts.receivedHeaders.at(-1)?.['x-request-id']).toBe(id);
  });

  it("passes a subgraph error's extensions through to the client", async () => {
    const response = await postGraphql(fixture.gatewayUrl, {
      query: 'query ($id: ID!) { account(id: $id) { name } }',
      variables: { id: MALFORMED_ACCOUNT_ID },
    });

    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'account id is malformed',
        path: ['account'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id', serviceName: 'accounts' }),
      }),
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+/);
  });

  it('rejects a query deeper than the limit with 400 QUERY_TOO_DEEP, before any subgraph sees it', async () => {
    fixture.accounts.receivedHeaders.length = 0;
    const tooDeep = `{ deal(id: "deal-1") { ${'account { deals { '.repeat(6)} id ${'} } '.repeat(6)} } }`;

    const response = await postGraphql(fixture.gatewayUrl, { query: tooDeep });

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 });
    expect(fixture.accounts.receivedHeaders).toHaveLength(0);
  });

  it('rejects a query costlier than the limit with 400 QUERY_TOO_COSTLY, page sizes from variables', async () => {
    const response = await postGraphql(fixture.gatewayUrl, {
      query: 'query ($n: Int) { accounts(first: $n) { edges { node { id name deals(first: 10) { id } } } } }',
      variables: { n: 400 },
    });

    expect(response.status).toBe(400);
    // accounts: 1 + 400 × (edges 1 + (node 1 + (id 1 + name 1 + deals (1 + 10 × id 1)))) = 1 + 400 × 15
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 6001, maxCost: 5000 });
  });

  it('accepts the same query with a smaller page', async () => {
    const response = await postGraphql(fixture.gatewayUrl, {
      query: 'query ($n: Int) { accounts(first: $n) { edges { node { id name deals(first: 10) { id } } } } }',
      variables: { n: 2 },
    });

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('answers a GET query too', async () => {
    const query = encodeURIComponent('{ account(id: "acc-1") { name } }');
    const response = await fetch(`${fixture.gatewayUrl}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { account: { name: 'Acme Industrial' } } });
  });

  it('refuses a body over the size limit with 413 and no stack trace', async () => {
    const response = await postGraphql(fixture.gatewayUrl, { query: `{ __typename } # ${'x'.repeat(200_000)}` });

    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });
});
