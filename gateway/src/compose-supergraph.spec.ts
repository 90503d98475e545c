import { join } from 'node:path';
import { sharedSdlDir } from '@crm/platform/graphql';
import { CompositionError, composeSupergraph, readSubgraphSdl, readSubgraphSources } from './compose-supergraph';
import { resolveFromRepoRoot } from './repo-root';
import { subgraphs } from './subgraphs';

const header = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

function failureOf(compose: () => unknown): CompositionError {
  try {
    compose();
  } catch (error) {
    if (error instanceof CompositionError) return error;
    throw error;
  }
  throw new Error('expected composition to fail');
}

describe('supergraph composition', () => {
  it('composes the SDL files of every subgraph in subgraphs.ts', async () => {
    const sources = await readSubgraphSources(subgraphs);

    const supergraph = composeSupergraph(sources);

    for (const subgraph of subgraphs) {
      expect(supergraph).toContain(`@join__graph(name: "${subgraph.name}", url: "${subgraph.defaultUrl}")`);
    }
  });

  it('joins an entity extended by a second subgraph', () => {
    const supergraph = composeSupergraph([
      {
        name: 'a',
        url: 'http://a/graphql',
        sdl: `${header} type Account @key(fields: "id") { id: ID! name: String! } type Query { account(id: ID!): Account }`,
      },
      {
        name: 'b',
        url: 'http://b/graphql',
        sdl: `${header} type Account @key(fields: "id") { id: ID! deals: [String!]! }`,
      },
    ]);

    expect(supergraph).toMatch(
      /type Account\s+@join__type\(graph: A, key: "id"\)\s+@join__type\(graph: B, key: "id"\)/,
    );
  });

  it('composes a new subgraph carrying its own audit log and audit queries beside the customer service', async () => {
    const sources = await readSubgraphSources(subgraphs);
    const customerAudit = await readSubgraphSdl(resolveFromRepoRoot('services/customer/src/graphql/audit.graphql'));
    // A new service declares the audit root fields with its own name in front, as the template says; the types they
    // return are the platform's shared SDL, which every subgraph's SDL includes.
    const notificationAudit = customerAudit
      .replaceAll('recordCustomer', 'recordNotification')
      .replaceAll('customer', 'notification');
    expect(notificationAudit).not.toMatch(/^type /m);
    const sharedAudit = await readSubgraphSdl(join(sharedSdlDir, 'audit.graphql'));
    const notification = {
      name: 'notification',
      url: 'http://notification/graphql',
      sdl: `${header}
        scalar DateTime
        scalar JSON
        type PageInfo @shareable { endCursor: String hasNextPage: Boolean! }
        ${sharedAudit}
        ${notificationAudit}`,
    };

    const supergraph = composeSupergraph([...sources, notification]);

    const lineOf = (field: string) => supergraph.split('\n').find((line) => line.trim().startsWith(`${field}`)) ?? '';
    for (const field of ['AuditTrail', 'FieldHistory', 'AuditChainStatus']) {
      expect(lineOf(`customer${field}`)).toContain('@join__field(graph: CUSTOMER)');
      expect(lineOf(`notification${field}`)).toContain('@join__field(graph: NOTIFICATION)');
    }
  });

  it('fails with a readable error listing every problem when two subgraphs define a non-shareable field differently', () => {
    const error = failureOf(() =>
      composeSupergraph([
        {
          name: 'a',
          url: 'http://a/graphql',
          sdl: `${header} type Money { amount: Int! } type Query { price: Money }`,
        },
        {
          name: 'b',
          url: 'http://b/graphql',
          sdl: `${header} type Money { amount: String! } type Query { cost: Money }`,
        },
      ]),
    );

    expect(error.problems.length).toBeGreaterThanOrEqual(1);
    expect(error.message).toMatch(/^supergraph composition failed with \d+ error\(s\):/);
    expect(error.message).toContain('Money.amount');
    expect(error.message).toMatch(/"a"/);
    expect(error.message).toMatch(/"b"/);
  });

  it('reports SDL that does not parse, naming the subgraph', () => {
    const error = failureOf(() =>
      composeSupergraph([{ name: 'broken', url: 'http://x/graphql', sdl: 'type Query {' }]),
    );

    expect(error.problems).toEqual([expect.stringMatching(/^\[broken\] Syntax Error/)]);
  });
});
