import { metrics } from '@opentelemetry/api';

const histogram = metrics.getMeter('@crm/platform/grpc').createHistogram('rpc.server.duration', {
  description: 'Duration of inbound gRPC calls',
  unit: 'ms',
  advice: { explicitBucketBoundaries: [1, 2.5, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 10000] },
});

/** Records one served call under the semantic-convention attributes; `path` is grpc-js's `/package.Service/Method`. */
export function recordRpcServerDuration(path: string, statusCode: number, durationMs: number): void {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  histogram.record(durationMs, {
    'rpc.system': 'grpc',
    'rpc.service': service,
    'rpc.method': method,
    'rpc.grpc.status_code': statusCode,
  });
}
