import { clientCredentialsToken } from '@crm/testing';
import type { SalesHarness } from './sales-test-harness';

export type GraphqlCall = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;

/** GraphQL requests to the sales service as a Keycloak service account (client credentials), e.g. crm-finance. */
export async function asServiceAccount(h: SalesHarness, clientId: string): Promise<GraphqlCall> {
  const { accessToken } = await clientCredentialsToken(clientId);
  return async (query, variables) => {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Awaited<ReturnType<GraphqlCall>>;
  };
}
