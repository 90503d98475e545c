import { status } from '@grpc/grpc-js';
import { healthV1 } from '@crm/contracts';
import type { HealthReporter } from './health-reporter';

const { SERVICE_UNKNOWN } = healthV1.HealthCheckResponse_ServingStatus;

/** The standard grpc.health.v1.Health service (Check and Watch) answering from a HealthReporter. */
export function implementHealthService(reporter: HealthReporter): healthV1.HealthServer {
  return {
    check(call, callback) {
      reporter.statusOf(call.request.service).then(
        (serving) =>
          serving === SERVICE_UNKNOWN
            ? callback({ code: status.NOT_FOUND, details: `unknown service "${call.request.service}"` })
            : callback(null, { status: serving }),
        () => callback({ code: status.INTERNAL, details: 'health check failed' }),
      );
    },
    watch(call) {
      const stop = reporter.watch(
        call.request.service,
        (serving) => call.write({ status: serving }),
        () => call.end(),
      );
      call.once('cancelled', stop);
      call.once('finish', stop);
    },
  };
}
