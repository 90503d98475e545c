import { buildSchema, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { measureCost } from './operation-cost';
import { fragmentsOf } from './operation-document';
import { DEFAULT_PAGE_SIZE } from './page-size';

const schema = buildSchema(`
  type Query { account(id: ID!): Account accounts(first: Int, after: String): AccountConnection! }
  type Account { id: ID! name: String! contacts(limit: Int): [Contact!]! notes: [String!]! }
  type Contact { id: ID! name: String! }
  type AccountConnection { edges: [AccountEdge!]! pageInfo: PageInfo! }
  type AccountEdge { cursor: String! node: Account! }
  type PageInfo { hasNextPage: Boolean! }
`);

function costOf(
  query: string,
  variables: Record<string, unknown> = {},
  withSchema: GraphQLSchema | undefined = schema,
) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return measureCost(operation, fragmentsOf(document), variables, withSchema);
}

describe('operation cost', () => {
  it('charges 1 per field', () => {
    expect(costOf('{ account(id: "1") { id name notes } }')).toBe(4);
  });

  it('multiplies the cost of a selection by its first/last/limit argument', () => {
    // account 1 + (id 1 + contacts (1 + 50 × (id 1 + name 1)))
    expect(costOf('{ account(id: "1") { id contacts(limit: 50) { id name } } }')).toBe(1 + 1 + 1 + 50 * 2);
  });

  it('resolves page sizes from variables, and from variable defaults', () => {
    const query = 'query ($n: Int = 7) { accounts(first: $n) { edges { node { id } } } }';
    // accounts 1 + n × (edges 1 + (node 1 + id 1))
    expect(costOf(query, { n: 100 })).toBe(1 + 100 * 3);
    expect(costOf(query)).toBe(1 + 7 * 3);
  });

  it(`assumes ${DEFAULT_PAGE_SIZE} for a connection queried without a page size`, () => {
    expect(costOf('{ accounts { edges { node { id } } } }')).toBe(1 + DEFAULT_PAGE_SIZE * 3);
  });

  it(`assumes ${DEFAULT_PAGE_SIZE} when a page size variable is not provided`, () => {
    expect(costOf('query ($n: Int) { account(id: "1") { contacts(limit: $n) { id } } }')).toBe(
      1 + 1 + DEFAULT_PAGE_SIZE,
    );
  });

  it('nests multipliers', () => {
    const query = '{ accounts(first: 10) { edges { node { contacts(limit: 5) { id } } } } }';
    // accounts 1 + 10 × (edges 1 + (node 1 + (contacts 1 + 5 × id 1)))
    expect(costOf(query)).toBe(1 + 10 * (1 + 1 + 1 + 5));
  });

  it('resolves named and inline fragments, with their type conditions', () => {
    const query = `
      { accounts(first: 2) { ...Page } }
      fragment Page on AccountConnection { edges { node { ... on Account { id contacts(limit: 3) { ...ContactParts } } } } }
      fragment ContactParts on Contact { id name }
    `;
    // accounts 1 + 2 × (edges 1 + (node 1 + (id 1 + contacts (1 + 3 × 2))))
    expect(costOf(query)).toBe(1 + 2 * (1 + 1 + 1 + 1 + 3 * 2));
  });

  it('without a schema, recognises a connection by its edges or nodes', () => {
    expect(costOf('{ accounts { edges { node { id } } } }', {}, undefined)).toBe(1 + DEFAULT_PAGE_SIZE * 3);
  });

  it('does not loop on a fragment cycle', () => {
    expect(costOf('{ account(id: "1") { ...F } } fragment F on Account { id ...F }')).toBe(2);
  });
});
