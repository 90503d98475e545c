import type { EntityManager } from 'typeorm';
import { appendManyToOutbox, defineEventCatalog, eventChanges, type OutboxEvent } from '@crm/platform/bus';
import { customerEventsV1 } from '@crm/contracts';

export const CUSTOMER_STREAM = 'CUSTOMER';
export const CUSTOMER_SUBJECTS = ['crm.customer.>'];
/**
 * Audit checkpoints of every service, append-only (see StreamDeclaration.appendOnly). Each service declares it with
 * the same configuration; its checkpoints go to `crm.audit.<service>.checkpoint`.
 */
export const AUDIT_STREAM = 'AUDIT';
export const AUDIT_SUBJECTS = ['crm.audit.>'];

/** The customer service's events: subject and protobuf message name for each. */
const catalog = {
  accountCreated: {
    subject: 'crm.customer.account.created',
    type: 'crm.customer.v1.AccountCreated',
    codec: customerEventsV1.AccountCreated,
  },
  accountUpdated: {
    subject: 'crm.customer.account.updated',
    type: 'crm.customer.v1.AccountUpdated',
    codec: customerEventsV1.AccountUpdated,
  },
  accountDeleted: {
    subject: 'crm.customer.account.deleted',
    type: 'crm.customer.v1.AccountDeleted',
    codec: customerEventsV1.AccountDeleted,
  },
  accountRestored: {
    subject: 'crm.customer.account.restored',
    type: 'crm.customer.v1.AccountRestored',
    codec: customerEventsV1.AccountRestored,
  },
  accountMerged: {
    subject: 'crm.customer.account.merged',
    type: 'crm.customer.v1.AccountMerged',
    codec: customerEventsV1.AccountMerged,
  },
  accountPurged: {
    subject: 'crm.customer.account.purged',
    type: 'crm.customer.v1.AccountPurged',
    codec: customerEventsV1.AccountPurged,
  },
  accountOwnerChanged: {
    subject: 'crm.customer.account.owner_changed',
    type: 'crm.customer.v1.AccountOwnerChanged',
    codec: customerEventsV1.AccountOwnerChanged,
  },
  accountGrantChanged: {
    subject: 'crm.customer.account.grant_changed',
    type: 'crm.customer.v1.AccountGrantChanged',
    codec: customerEventsV1.AccountGrantChanged,
  },
  accountGraded: {
    subject: 'crm.customer.account.graded',
    type: 'crm.customer.v1.AccountGraded',
    codec: customerEventsV1.AccountGraded,
  },
  contactCreated: {
    subject: 'crm.customer.contact.created',
    type: 'crm.customer.v1.ContactCreated',
    codec: customerEventsV1.ContactCreated,
  },
  contactUpdated: {
    subject: 'crm.customer.contact.updated',
    type: 'crm.customer.v1.ContactUpdated',
    codec: customerEventsV1.ContactUpdated,
  },
  contactDeleted: {
    subject: 'crm.customer.contact.deleted',
    type: 'crm.customer.v1.ContactDeleted',
    codec: customerEventsV1.ContactDeleted,
  },
  activityLogged: {
    subject: 'crm.customer.activity.logged',
    type: 'crm.customer.v1.ActivityLogged',
    codec: customerEventsV1.ActivityLogged,
  },
  accountPoolWarning: {
    subject: 'crm.customer.account.pool_warning',
    type: 'crm.customer.v1.AccountPoolWarning',
    codec: customerEventsV1.AccountPoolWarning,
  },
  accountReturnedToPool: {
    subject: 'crm.customer.account.returned_to_pool',
    type: 'crm.customer.v1.AccountReturnedToPool',
    codec: customerEventsV1.AccountReturnedToPool,
  },
  userOffboarded: {
    subject: 'crm.customer.user.offboarded',
    type: 'crm.customer.v1.UserOffboarded',
    codec: customerEventsV1.UserOffboarded,
  },
  auditCheckpoint: {
    subject: 'crm.audit.customer.checkpoint',
    type: 'crm.customer.v1.AuditCheckpoint',
    codec: customerEventsV1.AuditCheckpoint,
  },
} as const;

type Aggregate = 'account' | 'contact' | 'activity' | 'user' | 'audit_log';

const events = defineEventCatalog<typeof catalog, Aggregate>(catalog);

/** Builds one event: protobuf payload with its metadata, subject and message name. */
export const customerEvent = events.event;

/** Writes one event to the outbox in the caller's transaction (the relay publishes it after the commit). */
export const recordEvent = events.record;

/** Writes many events with one statement (bulk import). */
export async function recordEvents(manager: EntityManager, built: OutboxEvent[]): Promise<void> {
  await appendManyToOutbox(manager, built);
}

export const customerEventCatalog = catalog;

export { eventChanges };
