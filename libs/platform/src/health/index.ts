export {
  createReadiness,
  type Readiness,
  type ReadinessCheck,
  type ReadinessReport,
  type ReadinessOptions,
  type CheckResult,
} from './readiness';
export { databaseCheck, natsCheck, consumersCheck, type Queryable } from './standard-checks';
export { createHealthRouter, type HealthRouter } from './health-router';
export { startHealthServer } from './health-server';
