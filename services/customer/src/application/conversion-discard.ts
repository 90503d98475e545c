import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { appendAudit, auditEntry, type AuditEntry } from '@crm/platform/audit';
import { recordEvent } from '../events/customer-events';
import { lockCreationKeys } from './creation-keys';

/** A lead conversion the sales service gave up on, and the idempotency keys it created records under. */
export interface AbandonedConversion {
  conversionId: string;
  leadId: string;
  keys: string[];
  reason: string;
}

export interface DiscardResult {
  discarded: { kind: 'account' | 'contact'; id: string }[];
  kept: { kind: 'account' | 'contact'; id: string; reason: string }[];
}

interface KeyedRecord {
  key: string;
  kind: 'account' | 'contact';
  record_id: string;
}

interface AccountState {
  id: string;
  version: number;
  deleted_at: Date | null;
  others: string | null;
}

interface ContactState {
  id: string;
  account_id: string;
  version: number;
  deleted_at: Date | null;
  activities: boolean;
}

/** Why a contact created by the conversion must stay, or null when nobody else has touched it. */
function contactKeptBecause(c: ContactState): string | null {
  if (c.deleted_at) return 'deleted since it was created';
  if (c.version > 1) return `changed since it was created (version ${c.version})`;
  if (c.activities) return 'has activities';
  return null;
}

/**
 * The customer side of a conversion's compensation: marks its keys discarded (a late create under one is refused),
 * then hard-deletes what was created under them if nobody touched it since: contacts first, then accounts left with
 * no contacts, activities, grants, access requests, pool moves, tickets or merges. What is kept is audited with the
 * reason. Runs in the caller's (inbox) transaction; a second run finds the keys discarded and does nothing.
 */
export async function discardConversion(
  tx: EntityManager,
  actor: Actor,
  conversion: AbandonedConversion,
): Promise<DiscardResult> {
  const keys = [...new Set(conversion.keys.filter((k) => k.length > 0 && k.length <= 200))];
  const result: DiscardResult = { discarded: [], kept: [] };
  if (!keys.length) return result;
  await lockCreationKeys(tx, keys);
  // UPDATE ... RETURNING comes back from TypeORM as [rows, count].
  const [records]: [KeyedRecord[], number] = await tx.query(
    `UPDATE creation_keys SET discarded_at = now()
      WHERE key = ANY($1::text[]) AND discarded_at IS NULL AND record_id IS NOT NULL
      RETURNING key, kind, record_id`,
    [keys],
  );
  // A key whose create has not arrived yet is marked too, so that it is refused when it does.
  await tx.query(
    `INSERT INTO creation_keys (caller, key, discarded_at)
     SELECT $2, k, now() FROM unnest($1::text[]) AS k
      WHERE NOT EXISTS (SELECT 1 FROM creation_keys c WHERE c.key = k)
     ON CONFLICT DO NOTHING`,
    [keys, `conversion:${conversion.conversionId}`],
  );
  const context = { conversionId: conversion.conversionId, leadId: conversion.leadId, reason: conversion.reason };
  const keyOf = new Map(records.map((r) => [r.record_id, r.key]));
  const audits: AuditEntry[] = [];
  const keep = (kind: 'account' | 'contact', id: string, because: string): void => {
    result.kept.push({ kind, id, reason: because });
    audits.push(auditEntry(actor, `${kind}.discard_skipped`, { type: kind, id }, [], { ...context, because }));
  };
  const discarded = (kind: 'account' | 'contact', id: string): void => {
    result.discarded.push({ kind, id });
    audits.push(auditEntry(actor, `${kind}.discarded`, { type: kind, id }, [], { ...context, key: keyOf.get(id) }));
  };
  const accountIds = records.filter((r) => r.kind === 'account').map((r) => r.record_id);
  const contactIds = records.filter((r) => r.kind === 'contact').map((r) => r.record_id);
  // Lock order: accounts before contacts, each in id order.
  await tx.query(`SELECT id FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [accountIds]);
  const contacts: ContactState[] = await tx.query(
    `SELECT c.id, c.account_id, c.version, c.deleted_at,
            EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = c.id) AS activities
       FROM contacts c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
    [contactIds],
  );
  for (const id of contactIds.filter((id) => !contacts.some((c) => c.id === id))) {
    result.kept.push({ kind: 'contact', id, reason: 'no longer exists' });
  }
  for (const contact of contacts) {
    const because = contactKeptBecause(contact);
    const entity = { type: 'contact' as const, id: contact.id };
    if (because) {
      keep('contact', contact.id, because);
      continue;
    }
    await tx.query(`DELETE FROM contacts WHERE id = $1`, [contact.id]);
    await recordEvent(
      tx,
      'contactDeleted',
      actor,
      { ...entity, version: contact.version + 1 },
      { contactId: contact.id, accountId: contact.account_id },
    );
    discarded('contact', contact.id);
  }
  const accounts: AccountState[] = await tx.query(
    `SELECT a.id, a.version, a.deleted_at,
            CASE
              WHEN a.merged_into_id IS NOT NULL OR EXISTS (SELECT 1 FROM accounts t WHERE t.merged_into_id = a.id)
                THEN 'merged'
              WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id) THEN 'has other contacts'
              WHEN EXISTS (SELECT 1 FROM activities v WHERE v.account_id = a.id) THEN 'has activities'
              WHEN EXISTS (SELECT 1 FROM account_grants g WHERE g.account_id = a.id) THEN 'shared with someone'
              WHEN EXISTS (SELECT 1 FROM access_requests r WHERE r.account_id = a.id) THEN 'has access requests'
              WHEN EXISTS (SELECT 1 FROM pool_moves p WHERE p.account_id = a.id) THEN 'moved through the pool'
              WHEN EXISTS (SELECT 1 FROM ticket_accounts k WHERE k.account_id = a.id) THEN 'has tickets'
            END AS others
       FROM accounts a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id`,
    [accountIds],
  );
  for (const id of accountIds.filter((id) => !accounts.some((a) => a.id === id))) {
    result.kept.push({ kind: 'account', id, reason: 'no longer exists' });
  }
  for (const account of accounts) {
    const entity = { type: 'account' as const, id: account.id };
    const because =
      (account.deleted_at && 'deleted since it was created') ||
      (account.version > 1 && `changed since it was created (version ${account.version})`) ||
      account.others;
    if (because) {
      keep('account', account.id, because);
      continue;
    }
    await tx.query(`DELETE FROM import_fingerprints WHERE record_id = $1`, [account.id]);
    await tx.query(`DELETE FROM accounts WHERE id = $1`, [account.id]);
    await recordEvent(
      tx,
      'accountPurged',
      actor,
      { ...entity, version: account.version + 1 },
      { accountId: account.id, deletedAt: new Date(), deletedBy: actor.id },
    );
    discarded('account', account.id);
  }
  // Last, just before the commit: the audit chain's lock is held only for this append.
  await appendAudit(tx, audits);
  return result;
}
