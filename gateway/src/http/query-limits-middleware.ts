import type { GraphQLSchema } from 'graphql';
import type { RequestHandler } from 'express';
import { checkQueryLimits, type QueryLimits } from '../limits/query-limits';
import { graphqlErrorBody } from './graphql-error-body';
import { operationRequestsOf } from './operation-requests';

/** Rejects, with HTTP 400, an operation deeper or costlier than the limits, before the engine plans it. */
export function enforceQueryLimits(limits: QueryLimits, schema: () => GraphQLSchema | undefined): RequestHandler {
  return (req, res, next) => {
    for (const operation of operationRequestsOf(req)) {
      const violation = checkQueryLimits(operation, limits, schema());
      if (violation) {
        const { message, ...extensions } = violation;
        res.status(400).type('application/json').send(graphqlErrorBody(message, extensions));
        return;
      }
    }
    next();
  };
}
