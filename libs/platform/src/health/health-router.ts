import { Router } from 'express';
import { createReadiness, type Readiness, type ReadinessCheck } from './readiness';

/** An express Router serving /healthz and /readyz, plus the switch that turns readiness off during shutdown. */
export type HealthRouter = Router & {
  readiness: Readiness;
  markShuttingDown(): void;
};

/**
 * GET /healthz: liveness, only proves the event loop answers (never the dependencies: a dead database must not get
 * the pod restarted). GET /readyz: every readiness check, 503 naming the failing ones, 503 once shutting down; 200
 * `degraded` naming the failing checks that only degrade the process (NATS, consumers).
 */
export function createHealthRouter(source: ReadinessCheck[] | Readiness): HealthRouter {
  const readiness = Array.isArray(source) ? createReadiness(source) : source;
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const report = await readiness.evaluate();
    if (report.shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
    } else if (report.ready && report.degraded.length) {
      res.status(200).json({ status: 'degraded', degraded: report.degraded, checks: report.checks });
    } else if (report.ready) {
      res.status(200).json({ status: 'ready', checks: report.checks });
    } else {
      const failing = Object.entries(report.checks)
        .filter(([, result]) => result.status === 'failing')
        .map(([name]) => name);
      res.status(503).json({ status: 'not ready', failing, checks: report.checks });
    }
  });

  return Object.assign(router, { readiness, markShuttingDown: () => readiness.markShuttingDown() });
}
