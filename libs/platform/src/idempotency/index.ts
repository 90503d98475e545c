export { idempotencyMigrationSql } from './idempotency-migration-sql';
export {
  fingerprintOf,
  idempotentCreate,
  inputRequest,
  pruneIdempotencyKeys,
  type IdempotentRequest,
} from './idempotent-create';
