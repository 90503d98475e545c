import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The account id the stub refuses with FORBIDDEN, as the customer service refuses another team's account. */
export const FOREIGN_ACCOUNT_ID = '00000000-0000-4000-8000-000000000403';

/**
 * Stands in for the customer subgraph behind the real gateway: answers `account(id)` with the account, or with a
 * FORBIDDEN error for FOREIGN_ACCOUNT_ID, so the gateway's metric sees a subgraph's success and a subgraph's error code.
 */
export async function startCustomerSubgraphStub(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const id = /"?(\w{8}-\w{4}-\w{4}-\w{4}-\w{12})/.exec(body.replaceAll('\\"', '"'))?.[1] ?? 'unknown';
      const answer =
        id === FOREIGN_ACCOUNT_ID
          ? {
              data: { account: null },
              errors: [{ message: 'not your team', path: ['account'], extensions: { code: 'FORBIDDEN' } }],
            }
          : { data: { account: { id } } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
