import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { NotAllowedError } from '@crm/platform/errors';
import { appendAudit, auditEntry, changesOf, type AuditEntry } from '@crm/platform/audit';
import { diffFields } from '../domain/field-diff';
import { rowToFields } from '../mapping/account-mapping';
import { defaultOwnership, ownershipRefusal } from '../policy/account-ownership';
import type { AccountFields } from '../domain/account';
import { dedupeKeys, type DedupeKeys } from '../domain/dedupe-keys';
import { AccountEntity, type AccountRow } from '../db/account.entity';
import { duplicateCandidateIdsSql } from '../db/duplicate-candidates-sql';
import { applyFields, newAccountRow } from '../application/account-service';
import type { Actor } from '@crm/platform/auth';
import type { CustomerServices } from '../application/customer-services';
import { customerEvent, recordEvents } from '../events/customer-events';
import { accountToProto } from '../mapping/account-mapping';
import {
  ImportFingerprints,
  runCsvImport,
  unreadableRowErrors,
  type CsvImportDefinition,
  type ImportBatchContext,
  type ImportOptions,
  type ImportReport,
  type ImportRowError,
} from '@crm/platform/csv-import';
import { describeAccountColumns, mapAccountRow } from './account-row';
import { customerRowFingerprint } from './customer-row-fingerprint';

interface PendingRow {
  rowNumber: number;
  fields: AccountFields;
  keys: DedupeKeys;
  fingerprint: string;
}

/** How a row matched an existing account (or an earlier row of the same file): the strongest key first. */
export type ImportMatchKey = 'tax_id' | 'email' | 'phone' | 'name';

/** One row that matched an account, what the import does with it, and why it matched. */
export interface AccountImportMatch {
  row: number;
  accountId: string;
  accountName: string;
  matchedOn: ImportMatchKey;
  /** skipped (skip policy), updated, unchanged, refused (the importer may not change it), or repeated (an earlier row). */
  outcome: 'skipped' | 'updated' | 'unchanged' | 'refused' | 'repeated';
}

/** The platform's report plus the per-row matches (the first MAX_REPORTED_MATCHES; matchesTruncated beyond). */
export type AccountImportReport = ImportReport & { matches: AccountImportMatch[]; matchesTruncated: boolean };

const MAX_REPORTED_MATCHES = 1000;
const matchKeyOf: Record<string, ImportMatchKey> = { t: 'tax_id', e: 'email', p: 'phone', n: 'name' };

interface ExistingKeys {
  id: string;
  name: string;
  version: number;
  tax_id_key: string | null;
  email_keys: string[];
  phone_keys: string[];
  name_key: string | null;
}

/** Index of dedupe keys → account id, for the rows of one batch and the accounts they may match. */
class KeyIndex {
  private readonly byKey = new Map<string, string>();
  add(id: string, keys: DedupeKeys): void {
    for (const k of KeyIndex.keysOf(keys)) if (!this.byKey.has(k)) this.byKey.set(k, id);
  }
  find(keys: DedupeKeys): { id: string; on: ImportMatchKey } | undefined {
    for (const k of KeyIndex.keysOf(keys)) {
      const id = this.byKey.get(k);
      if (id) return { id, on: matchKeyOf[k.charAt(0)]! };
    }
    return undefined;
  }
  private static keysOf(keys: DedupeKeys): string[] {
    return [
      ...(keys.taxId ? [`t:${keys.taxId}`] : []),
      ...keys.emails.map((e) => `e:${e}`),
      ...keys.phones.map((p) => `p:${p}`),
      ...(keys.name ? [`n:${keys.name}`] : []),
    ];
  }
}

async function processBatch(
  tx: EntityManager,
  services: CustomerServices,
  batch: PendingRow[],
  actor: Actor,
  { options, report, fingerprints: imported, refuse }: ImportBatchContext,
  matched: AccountImportMatches,
): Promise<void> {
  const fresh = await imported.fresh(tx, batch, (row) => row.fingerprint, report);
  if (!fresh.length) return;

  const index = new KeyIndex();
  const versions = new Map<string, number>();
  const names = new Map<string, string>();
  if (options.policy !== 'create') {
    // Rows an update may change are locked now, in id order, before any audit: see "Lock order" in docs/architecture.md.
    const existing: ExistingKeys[] = await tx.query(
      `SELECT id, name, version, tax_id_key, email_keys, phone_keys, name_key FROM accounts
        WHERE id IN (${duplicateCandidateIdsSql}) ORDER BY id${options.policy === 'update' ? ' FOR UPDATE' : ''}`,
      [
        fresh.flatMap((r) => (r.keys.taxId ? [r.keys.taxId] : [])),
        fresh.flatMap((r) => r.keys.emails),
        fresh.flatMap((r) => r.keys.phones),
        fresh.flatMap((r) => (r.keys.name ? [r.keys.name] : [])),
      ],
    );
    for (const e of existing) {
      index.add(e.id, { taxId: e.tax_id_key, emails: e.email_keys, phones: e.phone_keys, name: e.name_key });
      versions.set(e.id, e.version);
      names.set(e.id, e.name);
    }
  }

  const now = new Date();
  const creates: AccountRow[] = [];
  const createdByIndex = new Map<string, AccountRow>();
  const fingerprints: { fingerprint: string; id: string }[] = [];
  const audits: AuditEntry[] = [];
  for (const row of fresh) {
    const found = options.policy === 'create' ? undefined : index.find(row.keys);
    const match = found?.id;
    const note = (outcome: AccountImportMatch['outcome']): void =>
      matched.add({
        row: row.rowNumber,
        accountId: found!.id,
        accountName: names.get(found!.id) ?? createdByIndex.get(found!.id)?.name ?? '',
        matchedOn: found!.on,
        outcome,
      });
    if (!match) {
      const account = newAccountRow(actor, now);
      applyFields(account, row.fields);
      account.ownerSince = row.fields.ownerId ? now : null;
      creates.push(account);
      createdByIndex.set(account.id, account);
      if (options.policy !== 'create') index.add(account.id, row.keys);
      fingerprints.push({ fingerprint: row.fingerprint, id: account.id });
      continue;
    }
    if (options.policy === 'skip') {
      report.skipped += 1;
      note(createdByIndex.has(match) ? 'repeated' : 'skipped');
      continue;
    }
    const planned = createdByIndex.get(match);
    if (planned) {
      // The file itself repeats this account: the later row wins.
      note('repeated');
      applyFields(planned, row.fields);
      fingerprints.push({ fingerprint: row.fingerprint, id: match });
      report.updated += 1;
      continue;
    }
    const before = versions.get(match) ?? 0;
    // The row's owner and team are the importer's defaults, not a reassignment of an existing account.
    const { ownerId: _owner, teamId: _team, ...changes } = row.fields;
    let updated;
    try {
      const result = await services.accounts.updateWithin(tx, match, changes, actor);
      updated = result.row;
      audits.push(...result.audits);
    } catch (error) {
      if (!(error instanceof NotAllowedError)) throw error;
      refuse([
        {
          row: row.rowNumber,
          field: '',
          reason: `matches an account you may not change (${match}): ${error.message}`,
        },
      ]);
      note('refused');
      continue;
    }
    if (updated.version !== before) {
      report.updated += 1;
      versions.set(match, updated.version);
      note('updated');
    } else {
      report.unchanged += 1;
      note('unchanged');
    }
    fingerprints.push({ fingerprint: row.fingerprint, id: match });
  }

  if (creates.length) {
    const repo = tx.getRepository(AccountEntity);
    await repo.insert(creates as unknown as Parameters<typeof repo.insert>[0]);
    await recordEvents(
      tx,
      creates.map((a) =>
        customerEvent(
          'accountCreated',
          actor,
          { type: 'account', id: a.id, version: 1 },
          { account: accountToProto(a) },
        ),
      ),
    );
    report.created += creates.length;
    // Every change is audited, imports included (updates by AccountService.updateWithin).
    audits.push(
      ...creates.map((a) =>
        auditEntry(
          actor,
          'account.import_create',
          { type: 'account', id: a.id },
          changesOf(diffFields({}, rowToFields(a))),
        ),
      ),
    );
  }
  await imported.record(tx, fingerprints);
  // The audit chain's lock last, just before the commit; a dry run is rolled back, so it takes no lock at all.
  if (!options.dryRun) await appendAudit(tx, audits);
}

/**
 * Imports accounts from a CSV stream in bounded memory: rows are read, checked and written in batches.
 * A dry run goes through every step inside one transaction that is rolled back, so its report is exact.
 */
export async function importAccounts(
  services: CustomerServices,
  input: Readable,
  options: ImportOptions,
  actor: Actor,
): Promise<AccountImportReport> {
  const matched = new AccountImportMatches();
  const definitions = await services.customFields.definitions('account');
  const accountImport: CsvImportDefinition<PendingRow> = {
    table: 'accounts',
    fingerprints: new ImportFingerprints('account'),
    describeColumns: (header) => describeAccountColumns(header, definitions),
    readRow: (row) => {
      if ('error' in row) return { errors: unreadableRowErrors(row) };
      const mapped = mapAccountRow(row.record, row.rowNumber, definitions, { defaultCountry: services.defaultCountry });
      if (!mapped.ok) return { errors: mapped.errors };
      const ownership = importOwnership(mapped.fields, actor, row.rowNumber);
      if (ownership) return { errors: [ownership] };
      return {
        item: {
          rowNumber: row.rowNumber,
          fields: mapped.fields,
          keys: dedupeKeys(mapped.fields),
          fingerprint: customerRowFingerprint(mapped.fields),
        },
      };
    },
    writeBatch: (tx, batch, context) => processBatch(tx, services, batch, actor, context, matched),
  };
  const report = await runCsvImport(services.dataSource, accountImport, input, options);
  return { ...report, matches: matched.list, matchesTruncated: matched.truncated };
}

/** The matches a report lists, in row order, bounded like its errors. */
class AccountImportMatches {
  readonly list: AccountImportMatch[] = [];
  truncated = false;
  add(match: AccountImportMatch): void {
    if (this.list.length < MAX_REPORTED_MATCHES) this.list.push(match);
    else this.truncated = true;
  }
}

const ownershipColumn = { ownerId: 'owner_id', teamId: 'team_id' } as const;

/**
 * The ownership rules of createAccount, per row (policy/account-ownership.ts): an empty owner or team cell is "not
 * given", so a rep's rows become their own, in their team. Fills the defaults into `fields`; returns the refusal.
 */
function importOwnership(fields: AccountFields, actor: Actor, rowNumber: number): ImportRowError | null {
  const owned = defaultOwnership(actor, { ownerId: fields.ownerId ?? undefined, teamId: fields.teamId ?? undefined });
  fields.ownerId = owned.ownerId ?? null;
  fields.teamId = owned.teamId ?? null;
  const refusal = ownershipRefusal(actor, fields);
  if (!refusal) return null;
  return {
    row: rowNumber,
    field: ownershipColumn[refusal.field],
    reason: `${refusal.message} (rule ${refusal.rule})`,
    rule: refusal.rule,
  };
}
