/** Who did it: a user, or a service account / OAuth client acting on its own or for a user. */
export interface AuditActor {
  /** The stable user id from the token (`sub`), or the service account's id. */
  id: string;
  roles?: string[];
  /** The OAuth client (service account, integration) the request came through. */
  clientId?: string | null;
  sourceIp?: string | null;
}

/** One changed field; `before` and `after` are JSON values (undefined is stored as null). */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What a service records: a change (with `changes`), a read of a sensitive field, an export, a pool move. */
export interface AuditEntry {
  actor: AuditActor;
  requestId?: string | null;
  /** Lower-case dotted verb, e.g. `account.update`, `account.read_sensitive`, `account.export`, `pool.claim`. */
  action: string;
  entityType: string;
  entityId: string;
  changes?: AuditChange[];
  /** Free context (export watermark, fields read, reason). A JSON object. */
  details?: Record<string, unknown>;
  /** Defaults to the database clock, read under the chain lock (so it never decreases along the chain). */
  occurredAt?: Date;
}

/** A stored audit row. */
export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: Date;
  actor: { id: string; roles: string[]; clientId: string | null; sourceIp: string | null };
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChange[];
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
