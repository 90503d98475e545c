export { idempotencyMigrationSql } from './idempotency-migration-sql';
export { fingerprintOf, idempotentCreate, pruneIdempotencyKeys, type IdempotentRequest } from './idempotent-create';
