export { auditMigrationSql, AUDIT_CHAIN_LOCK_KEY, AUDIT_PURGE_SETTING } from './audit-migration-sql';
export type { AuditActor, AuditChange, AuditEntry, AuditRecord } from './audit-entry';
export { AUDIT_GENESIS_HASH, auditRowHash, canonicalJson, type AuditHashedContent } from './audit-hash';
export { appendAudit, RESERVED_ACTION_PREFIX } from './audit-append';
export {
  purgeAuditOlderThan,
  AUDIT_PURGE_ACTION,
  AUDIT_LOG_ENTITY,
  type AuditPurgeDetails,
  type AuditPurgeResult,
} from './audit-purge';
export {
  verifyAuditChain,
  DEFAULT_VERIFY_BATCH_SIZE,
  type AuditChainBreak,
  type AuditChainVerification,
  type VerifyAuditChainOptions,
} from './audit-verify';
export { fieldHistory, type FieldChangeRecord, type FieldHistoryQuery } from './field-history';
export { auditTrail, type AuditTrailQuery } from './audit-trail';
export type { AuditQueryable } from './audit-queryable';
export {
  AUDIT_CHECKPOINT_STREAM,
  AUDIT_CHECKPOINT_SUBJECTS,
  AuditStreamMissing,
  auditCheckpointSubject,
  readAuditCheckpoints,
  type AuditCheckpoint,
  type AuditCheckpointDecoder,
} from './audit-checkpoint-stream';
export {
  AUDIT_BASELINE_ACTION,
  AuditCheckpointRefused,
  recordAuditCheckpoint,
  verifyAuditCheckpoints,
  type AppendCheckpoint,
  type AuditCheckpointSource,
  type CheckpointVerification,
} from './audit-checkpoints';
export { AUDIT_RESTORE_ACTION, type AuditRestoreMarker } from './audit-restore-entries';
export { rebaseAuditCheckpoints, type AuditRestoreRequest } from './audit-restore-marker';
export { audit, auditEntry, changesOf } from './actor-audit';
export {
  ServiceAuditCheckpoints,
  catalogAuditCheckpoints,
  type AuditCheckpointCatalog,
  type AuditCheckpointsFactory,
  type AuditCheckpointMessage,
  type AuditRestoreReport,
  auditChainReport,
  recordCheckpointNow,
  requireAuditReader,
  type AuditCheckpointAnswer,
  type AuditChainReport,
  type AuditChainReportReason,
  type ServiceAuditOptions,
} from './service-audit';
