import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { measureCost } from './operation-cost';
import { measureDepth } from './operation-depth';
import { fragmentsOf, operationsToMeasure } from './operation-document';
import type { Variables } from './page-size';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
}

/** The parts of a GraphQL request the limits look at. */
export interface OperationRequest {
  readonly query: string;
  readonly variables?: Variables;
  readonly operationName?: string;
}

export type LimitViolation =
  | { code: 'QUERY_TOO_DEEP'; message: string; depth: number; maxDepth: number }
  | { code: 'QUERY_TOO_COSTLY'; message: string; cost: number; maxCost: number };

/**
 * Measures the operation a request would execute and says which limit it breaks, if any (depth first).
 * A query that does not parse is left to the engine, whose error tells the client what is wrong with it.
 */
export function checkQueryLimits(
  request: OperationRequest,
  limits: QueryLimits,
  schema?: GraphQLSchema,
): LimitViolation | undefined {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return undefined;
  }
  const fragments = fragmentsOf(document);
  const operations = operationsToMeasure(document, request.operationName);
  const depth = Math.max(0, ...operations.map((o) => measureDepth(o, fragments)));
  if (depth > limits.maxDepth) {
    return {
      code: 'QUERY_TOO_DEEP',
      message: `the query is ${depth} levels deep, more than the limit of ${limits.maxDepth}`,
      depth,
      maxDepth: limits.maxDepth,
    };
  }
  const variables = request.variables ?? {};
  const cost = Math.max(0, ...operations.map((o) => measureCost(o, fragments, variables, schema)));
  if (cost > limits.maxCost) {
    return {
      code: 'QUERY_TOO_COSTLY',
      message: `the query costs ${cost}, more than the limit of ${limits.maxCost}`,
      cost,
      maxCost: limits.maxCost,
    };
  }
  return undefined;
}
