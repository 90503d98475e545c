import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { metrics } from '@opentelemetry/api';
import { getOperationAST, type GraphQLFormattedError } from 'graphql';
import { OperationLabeller, type FinishedOperation, type OperationLabels } from './operation-labels';

const histogram = metrics.getMeter('@crm/gateway').createHistogram('graphql.server.request.duration', {
  description: 'Time from receiving a GraphQL operation to sending its response, by operation and outcome',
  unit: 's',
  // The semantic-convention HTTP server boundaries: the same scale as http.server.request.duration.
  advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] },
});

/** Records one finished operation under the `graphql.operation.*` attributes and `crm.outcome`. */
export function recordOperationDuration(labels: OperationLabels, durationS: number): void {
  histogram.record(durationS, {
    'graphql.operation.name': labels.name,
    'graphql.operation.type': labels.type,
    'crm.outcome': labels.outcome,
  });
}

function responseErrors(response: GraphQLResponse): readonly GraphQLFormattedError[] {
  const body = response.body;
  return (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
}

/**
 * RED per GraphQL operation: the gateway's one HTTP route hides which operation is slow or failing. Reads the
 * operation Apollo resolved (or, when validation failed, the one the parsed document names) and the formatted errors
 * of the response, so nothing is parsed again; the labels are bounded by OperationLabeller.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(
  labeller = new OperationLabeller(),
  record: (labels: OperationLabels, durationS: number) => void = recordOperationDuration,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, document, request, response }) {
          const resolved =
            operation ?? (document ? (getOperationAST(document, request.operationName) ?? undefined) : undefined);
          const finished: FinishedOperation = {
            ...(resolved ? { operation: { type: resolved.operation, name: resolved.name?.value } } : {}),
            errorCodes: responseErrors(response).map((error) => {
              const code = error.extensions?.code;
              return typeof code === 'string' ? code : undefined;
            }),
          };
          record(labeller.labels(finished), (performance.now() - started) / 1000);
        },
      };
    },
  };
}
