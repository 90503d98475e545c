import { ApolloServer } from '@apollo/server';
import { redact, redactedFieldsPlugin, type RedactionContext } from './redacted-fields';

describe('redacted fields', () => {
  const server = new ApolloServer<RedactionContext>({
    typeDefs: `type Deal { id: ID! amount: String name: String } type Query { deals: [Deal!]! }`,
    resolvers: {
      Query: { deals: () => [{ id: 'd1' }, { id: 'd2' }] },
      Deal: {
        name: (deal: { id: string }) => `Deal ${deal.id}`,
        amount: (deal: { id: string }, _: unknown, ctx: RedactionContext) =>
          deal.id === 'd1' ? '1200.00' : redact(ctx, { type: 'Deal', id: deal.id, field: 'amount' }),
      },
    },
    plugins: [redactedFieldsPlugin],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function run(query: string) {
    const res = await server.executeOperation({ query }, { contextValue: { redactedFields: new Set() } });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  }

  it('resolves a hidden field to null and names it once in extensions, leaving the rest of the page intact', async () => {
    const result = await run(`{ deals { id name amount again: amount } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      deals: [
        { id: 'd1', name: 'Deal d1', amount: '1200.00', again: '1200.00' },
        { id: 'd2', name: 'Deal d2', amount: null, again: null },
      ],
    });
    expect(result.extensions).toEqual({ redactedFields: [{ type: 'Deal', id: 'd2', field: 'amount' }] });
  });

  it('adds nothing when nothing was hidden', async () => {
    const result = await run(`{ deals { id name } }`);
    expect(result.extensions).toBeUndefined();
  });
});
