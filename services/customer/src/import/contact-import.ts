import type { Readable } from 'node:stream';
import { In, type EntityManager } from 'typeorm';
import type { OutboxEvent } from '@crm/platform/bus';
import { normalizeCompanyName } from '../domain/company-name';
import type { ContactFields } from '../domain/contact';
import { diffFields } from '../domain/field-diff';
import { ContactEntity, type ContactRow } from '../db/contact.entity';
import type { Actor } from '@crm/platform/auth';
import { auditEntry, appendAudit } from '@crm/platform/audit';
import type { AccountRow } from '../db/account.entity';
import { accessLevels } from '../policy/access-facts';
import { applyContactFields, contactRowToFields, newContactRow } from '../application/contact-service';
import type { CustomerServices } from '../application/customer-services';
import { customerEvent, recordEvents, eventChanges } from '../events/customer-events';
import { contactToProto } from '../mapping/account-mapping';
import {
  ColumnResolver,
  ImportFingerprints,
  runCsvImport,
  unreadableRowErrors,
  type CsvImportDefinition,
  type ImportBatchContext,
  type ImportOptions,
  type ImportReport,
  type ImportRowError,
} from '@crm/platform/csv-import';
import { contactColumnAliases, type ContactColumn } from './contact-columns';
import { describeContactColumns, mapContactRow, type AccountReference, type ImportedContact } from './contact-row';
import { customerRowFingerprint } from './customer-row-fingerprint';

/** A row read from the file: refused already, or mapped and waiting for its account. */
type ReadRow =
  | { rowNumber: number; errors: ImportRowError[] }
  | { rowNumber: number; fields: ImportedContact; account: AccountReference; accountColumn: string };

interface LinkedRow {
  fields: ContactFields;
  fingerprint: string;
}

interface LiveAccount {
  id: string;
  tax_id_key: string | null;
  name_key: string | null;
}

/** The live accounts a batch refers to, by id, by tax id key and by name key. */
interface AccountLookup {
  ids: Set<string>;
  byTaxId: Map<string, string[]>;
  byName: Map<string, string[]>;
}

interface ExistingContact {
  id: string;
  account_id: string;
  name: string;
  email_keys: string[];
  phone_keys: string[];
}

// Rows per INSERT: 22 columns each stays well under PostgreSQL's 65,535 bind parameters whatever the batch size.
const insertChunk = 1000;

const resolver = new ColumnResolver(contactColumnAliases);

/** The header, as written in the file, of the column that holds `field` in this row (the first non-blank one). */
function headerOf(record: Record<string, string>, field: ContactColumn): string {
  const headers = Object.keys(record).filter((header) => resolver.fieldOf(header) === field);
  return headers.find((header) => record[header].trim() !== '') ?? headers[0] ?? field;
}

/** The column a row's account is found by: the id, else the tax id, else the name. */
function referenceColumn(account: AccountReference): ContactColumn {
  return account.id !== null ? 'accountId' : account.taxId !== null ? 'accountTaxId' : 'accountName';
}

/**
 * Duplicate keys of a contact, scoped to its account: its email and phone keys, or its name when it has neither
 * (a contact with an email or a phone is never a duplicate by name alone).
 */
function contactKeys(accountId: string, emailKeys: string[], phoneKeys: string[], name: string): string[] {
  if (!emailKeys.length && !phoneKeys.length) return [`${accountId}|n:${name.toLowerCase()}`];
  return [...emailKeys.map((e) => `${accountId}|e:${e}`), ...phoneKeys.map((p) => `${accountId}|p:${p}`)];
}

/** Index of duplicate keys → contact id, for the rows of one batch and the contacts they may match. */
class ContactKeyIndex {
  private readonly byKey = new Map<string, string>();
  add(id: string, keys: string[]): void {
    for (const k of keys) if (!this.byKey.has(k)) this.byKey.set(k, id);
  }
  find(keys: string[]): string | undefined {
    for (const k of keys) {
      const id = this.byKey.get(k);
      if (id) return id;
    }
    return undefined;
  }
}

function groupBy(accounts: LiveAccount[], key: (a: LiveAccount) => string | null): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const a of accounts) {
    const k = key(a);
    if (k !== null && k !== '') groups.set(k, [...(groups.get(k) ?? []), a.id]);
  }
  return groups;
}

/**
 * Finds the live accounts the rows of a batch refer to, with one query, keeping only those the importer may edit:
 * an account someone else owns is reported exactly like a missing one, so an import reveals nothing.
 */
async function loadAccounts(tx: EntityManager, rows: ReadRow[], actor: Actor): Promise<AccountLookup> {
  const ids = new Set<string>();
  const taxIds = new Set<string>();
  const names = new Set<string>();
  for (const row of rows) {
    if ('errors' in row) continue;
    const { id, taxId, name } = row.account;
    if (id !== null) ids.add(id);
    else if (taxId !== null) taxIds.add(taxId);
    else if (name !== null) names.add(normalizeCompanyName(name));
  }
  const found: (LiveAccount & { owner_id: string | null; team_id: string | null })[] = await tx.query(
    `SELECT id, tax_id_key, name_key, owner_id, team_id FROM accounts
      WHERE deleted_at IS NULL AND (id = ANY($1::uuid[]) OR tax_id_key = ANY($2::text[]) OR name_key = ANY($3::text[]))`,
    [[...ids], [...taxIds], [...names]],
  );
  const levels = await accessLevels(
    tx,
    actor,
    found.map((a) => ({ id: a.id, ownerId: a.owner_id, teamId: a.team_id }) as AccountRow),
  );
  const accounts: LiveAccount[] = found.filter((a) => levels.get(a.id) === 'edit');
  return {
    ids: new Set(accounts.map((a) => a.id)),
    byTaxId: groupBy(accounts, (a) => a.tax_id_key),
    byName: groupBy(accounts, (a) => a.name_key),
  };
}

/** Links a row to its account: by id, else by tax id, else by exact normalized name; unknown or ambiguous is an error. */
function linkAccount(account: AccountReference, lookup: AccountLookup): { id: string } | { reason: string } {
  if (account.id !== null) {
    return lookup.ids.has(account.id)
      ? { id: account.id }
      : { reason: `no account with id ${account.id} (or it is in the recycle bin)` };
  }
  const [found, described, alternative] =
    account.taxId !== null
      ? [lookup.byTaxId.get(account.taxId) ?? [], `with tax id ${account.taxId}`, 'the account id']
      : [
          lookup.byName.get(normalizeCompanyName(account.name ?? '')) ?? [],
          `named "${account.name ?? ''}"`,
          'the tax id',
        ];
  if (found.length === 1) return { id: found[0] };
  if (!found.length) return { reason: `no account ${described} (or it is in the recycle bin)` };
  return {
    reason: `${found.length} accounts are ${described}, so the contact's account is ambiguous: give ${alternative}`,
  };
}

/** Reports the batch's refused rows and links the others to their accounts, in file order. */
async function linkRows(
  tx: EntityManager,
  batch: ReadRow[],
  refuse: ImportBatchContext['refuse'],
  actor: Actor,
): Promise<LinkedRow[]> {
  const lookup = await loadAccounts(tx, batch, actor);
  const linked: LinkedRow[] = [];
  for (const row of batch) {
    if ('errors' in row) {
      refuse(row.errors);
      continue;
    }
    const link = linkAccount(row.account, lookup);
    if ('reason' in link) {
      refuse([{ row: row.rowNumber, field: row.accountColumn, reason: link.reason }]);
      continue;
    }
    const fields: ContactFields = { ...row.fields, accountId: link.id };
    linked.push({ fields, fingerprint: customerRowFingerprint(fields) });
  }
  return linked;
}

/** The live contacts of the batch's accounts that share an email or phone key, or a name when they have neither. */
async function loadDuplicateCandidates(
  tx: EntityManager,
  rows: { row: LinkedRow; contact: ContactRow }[],
  lock: boolean,
): Promise<ExistingContact[]> {
  // Locked in id order (the inner ORDER BY), matched oldest first (the outer): see "Lock order" in docs/architecture.md.
  const candidates: ExistingContact[] = await tx.query(
    `SELECT id, account_id, name, email_keys, phone_keys FROM (
       SELECT id, account_id, name, email_keys, phone_keys, created_at FROM contacts
        WHERE deleted_at IS NULL AND account_id = ANY($1::uuid[])
          AND (email_keys && $2::text[] OR phone_keys && $3::text[]
               OR (email_keys = '{}' AND phone_keys = '{}' AND lower(name) = ANY($4::text[])))
        ORDER BY id${lock ? ' FOR UPDATE' : ''}) AS candidate
      ORDER BY created_at, id`,
    [
      [...new Set(rows.map((r) => r.contact.accountId))],
      rows.flatMap((r) => r.contact.emailKeys),
      rows.flatMap((r) => r.contact.phoneKeys),
      rows.flatMap((r) =>
        r.contact.emailKeys.length || r.contact.phoneKeys.length ? [] : [r.contact.name.toLowerCase()],
      ),
    ],
  );
  return candidates;
}

/** Writes the changed contacts with one statement (the rows are locked by this transaction). */
async function saveUpdatedContacts(tx: EntityManager, rows: ContactRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `UPDATE contacts AS c
        SET name = u.name, title = u.title, role = u.role, phones = u.phones, phone_keys = u.phone_keys,
            emails = u.emails, email_keys = u.email_keys, birthday = u.birthday, preferred_channel = u.preferred_channel,
            consent_email = u.consent_email, consent_sms = u.consent_sms, consent_wechat = u.consent_wechat,
            owner_id = u.owner_id, description = u.description, updated_by = u.updated_by, updated_at = u.updated_at, version = u.version
       FROM jsonb_to_recordset($1::jsonb) AS u(
              id uuid, name text, title text, role text, phones text[], phone_keys text[], emails text[],
              email_keys text[], birthday date, preferred_channel text, consent_email boolean, consent_sms boolean,
              consent_wechat boolean, owner_id uuid, description text, updated_by text, updated_at timestamptz, version int)
      WHERE c.id = u.id`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          name: r.name,
          title: r.title,
          role: r.role,
          phones: r.phones,
          phone_keys: r.phoneKeys,
          emails: r.emails,
          email_keys: r.emailKeys,
          birthday: r.birthday,
          preferred_channel: r.preferredChannel,
          consent_email: r.consentEmail,
          consent_sms: r.consentSms,
          consent_wechat: r.consentWechat,
          owner_id: r.ownerId,
          description: r.description,
          updated_by: r.updatedBy,
          updated_at: r.updatedAt.toISOString(),
          version: r.version,
        })),
      ),
    ],
  );
}

async function processBatch(
  tx: EntityManager,
  batch: ReadRow[],
  actor: Actor,
  { options, report, fingerprints: imported, refuse }: ImportBatchContext,
): Promise<void> {
  const linked = await linkRows(tx, batch, refuse, actor);
  if (!linked.length) return;
  // Accounts before contacts (docs/architecture.md, "Lock order"): the key-share locks the contact rows' foreign keys
  // would take one by one, taken first and in id order.
  await tx.query(`SELECT id FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`, [
    [...new Set(linked.map((r) => r.fields.accountId))],
  ]);
  const now = new Date();
  const fresh: { row: LinkedRow; contact: ContactRow }[] = (
    await imported.fresh(tx, linked, (row) => row.fingerprint, report)
  ).map((row) => ({ row, contact: newContactRow(row.fields, actor, now) }));
  if (!fresh.length) return;

  const index = new ContactKeyIndex();
  if (options.policy !== 'create') {
    for (const e of await loadDuplicateCandidates(tx, fresh, options.policy === 'update')) {
      index.add(e.id, contactKeys(e.account_id, e.email_keys, e.phone_keys, e.name));
    }
  }

  const creates: ContactRow[] = [];
  const createdById = new Map<string, ContactRow>();
  const updates: { row: LinkedRow; contactId: string }[] = [];
  const fingerprints: { fingerprint: string; id: string }[] = [];
  for (const { row, contact } of fresh) {
    const match =
      options.policy === 'create'
        ? undefined
        : index.find(contactKeys(contact.accountId, contact.emailKeys, contact.phoneKeys, contact.name));
    if (!match) {
      creates.push(contact);
      createdById.set(contact.id, contact);
      if (options.policy !== 'create') {
        index.add(contact.id, contactKeys(contact.accountId, contact.emailKeys, contact.phoneKeys, contact.name));
      }
      fingerprints.push({ fingerprint: row.fingerprint, id: contact.id });
      continue;
    }
    if (options.policy === 'skip') {
      report.skipped += 1;
      continue;
    }
    fingerprints.push({ fingerprint: row.fingerprint, id: match });
    const planned = createdById.get(match);
    if (planned) {
      // The file itself repeats this contact: the later row wins.
      applyContactFields(planned, row.fields);
      report.updated += 1;
    } else updates.push({ row, contactId: match });
  }

  // Updates as ContactService.update does them: diff, version bump, one contact.updated event per real change.
  const events: OutboxEvent[] = [];
  const changed = new Map<string, ContactRow>();
  if (updates.length) {
    const rows = await tx
      .getRepository(ContactEntity)
      .findBy({ id: In([...new Set(updates.map((u) => u.contactId))]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { row, contactId } of updates) {
      const contact = byId.get(contactId);
      if (!contact) throw new Error(`contact ${contactId} vanished while locked by the import`);
      const before = contactRowToFields(contact);
      const changes = diffFields(before, row.fields);
      if (!changes.length) {
        report.unchanged += 1;
        continue;
      }
      applyContactFields(contact, row.fields);
      contact.version += 1;
      contact.updatedAt = now;
      contact.updatedBy = actor.id;
      changed.set(contact.id, contact);
      report.updated += 1;
      events.push(
        customerEvent(
          'contactUpdated',
          actor,
          { type: 'contact', id: contact.id, version: contact.version },
          {
            contact: contactToProto(contact),
            changes: eventChanges(changes),
          },
        ),
      );
    }
  }

  const repo = tx.getRepository(ContactEntity);
  for (let i = 0; i < creates.length; i += insertChunk) await repo.insert(creates.slice(i, i + insertChunk));
  await saveUpdatedContacts(tx, [...changed.values()]);
  await recordEvents(tx, [
    ...creates.map((c) =>
      customerEvent('contactCreated', actor, { type: 'contact', id: c.id, version: 1 }, { contact: contactToProto(c) }),
    ),
    ...events,
  ]);
  report.created += creates.length;
  await imported.record(tx, fingerprints);
  // Every change is audited, imports included: one row per contact created or changed. The audit chain's lock last,
  // just before the commit; a dry run is rolled back, so it takes no lock at all.
  if (options.dryRun) return;
  await appendAudit(tx, [
    ...creates.map((c) =>
      auditEntry(
        actor,
        'contact.import_create',
        { type: 'contact', id: c.id },
        changesFromNothing(contactRowToFields(c)),
      ),
    ),
    ...[...changed.values()].map((c) =>
      auditEntry(actor, 'contact.import_update', { type: 'contact', id: c.id }, [], { version: c.version }),
    ),
  ]);
}

/**
 * Imports contacts from a CSV stream in bounded memory, each linked to its account by id, tax id or exact name: rows
 * are read, checked, linked and written in batches. A dry run does every step inside one transaction that is rolled
 * back, so its report is exact.
 */
export async function importContacts(
  services: CustomerServices,
  input: Readable,
  options: ImportOptions,
  actor: Actor,
): Promise<ImportReport> {
  const today = new Date().toISOString().slice(0, 10);
  // Refused rows travel in their batch too, so that the report lists them in file order with the linking errors.
  const contactImport: CsvImportDefinition<ReadRow> = {
    table: 'contacts',
    fingerprints: new ImportFingerprints('contact'),
    describeColumns: describeContactColumns,
    readRow: (row) => {
      if ('error' in row) return { item: { rowNumber: row.rowNumber, errors: unreadableRowErrors(row) } };
      const mapped = mapContactRow(row.record, row.rowNumber, { today, defaultCountry: services.defaultCountry });
      return {
        item: mapped.ok
          ? {
              rowNumber: row.rowNumber,
              fields: mapped.fields,
              account: mapped.account,
              accountColumn: headerOf(row.record, referenceColumn(mapped.account)),
            }
          : { rowNumber: row.rowNumber, errors: mapped.errors },
      };
    },
    writeBatch: (tx, batch, context) => processBatch(tx, batch, actor, context),
  };
  return runCsvImport(services.dataSource, contactImport, input, options);
}

function changesFromNothing(fields: object): { field: string; before: unknown; after: unknown }[] {
  return diffFields({}, fields as Record<string, unknown>).map((c) => ({
    field: c.field,
    before: null,
    after: c.after ?? null,
  }));
}
