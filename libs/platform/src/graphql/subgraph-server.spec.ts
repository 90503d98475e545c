import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { parse } from 'graphql';
import { createLogger } from '../logging';
import { publicAccess, rolesMay, perOperation } from '../policy';
import { createSubgraphServer } from './subgraph-server';

describe('subgraph server', () => {
  it('fails its start with the address error when the port is taken, instead of running on with no port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const port = (taken.address() as { port: number }).port;
    const subgraph = await createSubgraphServer({
      typeDefs: parse('type Query { greeting: String }'),
      resolvers: { Query: { greeting: () => 'hello' } },
      logger: createLogger('subgraph-spec', { level: 'silent' }, new Writable({ write: (_c, _e, done) => done() })),
      context: async () => ({}),
      policy: {
        graphql: { 'Query.greeting': rolesMay('sales-rep') },
        http: { 'POST /graphql': perOperation, 'GET /healthz': publicAccess },
      },
      callerOf: () => null,
      authenticate: async () => {
        throw new Error('no token in this test');
      },
    });
    try {
      await expect(subgraph.listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE', port });
    } finally {
      await subgraph.stop();
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
