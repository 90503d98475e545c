import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { nameRequestRoute, noteRequestErrors } from '../http/request-log';

/**
 * Names the request log line after the GraphQL operation as parsed (`mutation OpenTicket`, `query (anonymous)`), never
 * after the query text or variables, and adds the error codes of the response. Used by every subgraph and the gateway.
 */
export function operationLogPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          nameRequestRoute('graphql', `${operation.operation} ${operation.name?.value ?? '(anonymous)'}`);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => String(e.extensions?.code ?? 'ERROR'));
          noteRequestErrors(codes);
        },
      };
    },
  };
}
