import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange } from 'urql';
import type { PortalSession } from '../auth/session';
import { tracedFetch } from './traced-fetch';

/**
 * The GraphQL client on the gateway (same origin: /graphql). Every request carries a fresh access token; a token
 * refreshed silently before it expires; an UNAUTHENTICATED answer tries one refresh, then ends the session. Each request
 * starts its own trace (`traceparent`), which the gateway continues.
 */
export function createGraphqlClient(session: PortalSession): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetch: tracedFetch,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = session.currentToken();
          return token ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` }) : operation;
        },
        willAuthError() {
          return true; // freshToken() is cheap while the token is valid: it refreshes only when close to expiry
        },
        didAuthError(error) {
          return (
            error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
          );
        },
        async refreshAuth() {
          await session.freshToken();
        },
      })),
      fetchExchange,
    ],
  });
}
