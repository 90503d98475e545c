import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { appendAudit, auditEntry } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import {
  cellText,
  ImportFingerprints,
  rowFingerprint,
  runCsvImport,
  unreadableRowErrors,
  violationsToRowErrors,
  type CsvImportDefinition,
  type ImportBatchContext,
  type ImportOptions,
  type ImportReport,
  type ImportRowError,
  type RowColumns,
} from '@crm/platform/csv-import';
import { checkLeadInput, type LeadCapture, type LeadInput } from '../application/lead-capture';
import type { LeadRow } from '../db/lead-rows';
import { describeLeadColumns, leadColumnAliases, leadColumnResolver, type LeadColumn } from './lead-columns';

/** A row read from the file: refused already, or a checked lead with its fingerprint. */
type ReadRow =
  { rowNumber: number; errors: ImportRowError[] } | { rowNumber: number; fields: LeadInput; fingerprint: string };

const leadFields = Object.keys(leadColumnAliases) as LeadColumn[];

function first(columns: RowColumns<LeadColumn>, field: LeadColumn): string | null {
  for (const value of columns.fields.get(field)?.values ?? []) {
    const text = cellText(value);
    if (text !== null) return text;
  }
  return null;
}

/** One CSV row → a lead checked by the domain rules; errors name the row and the column as written in the file. */
export function mapLeadRow(record: Record<string, string>, rowNumber: number): ReadRow {
  const columns = leadColumnResolver.columns(record);
  const input: LeadInput = {};
  for (const field of leadFields) input[field] = first(columns, field);
  try {
    const checked = checkLeadInput(input, 'import');
    const fields: LeadInput = {};
    for (const field of leadFields) fields[field] = checked[field];
    return { rowNumber, fields, fingerprint: rowFingerprint(fields, []) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      rowNumber,
      errors: violationsToRowErrors(error.violations, rowNumber, ([field]) =>
        typeof field === 'string' && field in leadColumnAliases
          ? (columns.fields.get(field as LeadColumn)?.headers[0] ?? field)
          : undefined,
      ),
    };
  }
}

/** Open leads with these emails (policy skip and update match by email), oldest first. */
async function leadsByEmail(tx: EntityManager, emails: string[], lock: boolean): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows: { id: string; email: string }[] = await tx.query(
    `SELECT id, email FROM (SELECT id, email, created_at FROM leads
       WHERE email = ANY($1::text[]) AND status <> 'converted' ORDER BY id${lock ? ' FOR UPDATE' : ''}) AS l
      ORDER BY created_at, id`,
    [emails],
  );
  const byEmail = new Map<string, string>();
  for (const row of rows) if (!byEmail.has(row.email)) byEmail.set(row.email, row.id);
  return byEmail;
}

async function writeBatch(
  tx: EntityManager,
  batch: ReadRow[],
  capture: LeadCapture,
  actor: Actor,
  { options, report, fingerprints, refuse }: ImportBatchContext,
): Promise<void> {
  const readable: Extract<ReadRow, { fields: LeadInput }>[] = [];
  for (const row of batch) {
    if ('errors' in row) refuse(row.errors);
    else readable.push(row);
  }
  const fresh = await fingerprints.fresh(tx, readable, (row) => row.fingerprint, report);
  const existing =
    options.policy === 'create'
      ? new Map<string, string>()
      : await leadsByEmail(
          tx,
          fresh.flatMap((r) => (r.fields.email ? [r.fields.email] : [])),
          options.policy === 'update',
        );
  const created: LeadRow[] = [];
  const updated: string[] = [];
  const recorded: { fingerprint: string; id: string }[] = [];
  for (const row of fresh) {
    const match = row.fields.email ? existing.get(row.fields.email) : undefined;
    if (match && options.policy === 'skip') {
      report.skipped += 1;
      continue;
    }
    if (match) {
      await tx.query(
        `UPDATE leads SET company_name = coalesce($2, company_name), person_name = coalesce($3, person_name),
           title = coalesce($4, title), phone = coalesce($5, phone), industry = coalesce($6, industry),
           region = coalesce($7, region), updated_by = $8, updated_at = now(), version = version + 1 WHERE id = $1`,
        [
          match,
          row.fields.companyName,
          row.fields.personName,
          row.fields.title,
          row.fields.phone,
          row.fields.industry,
          row.fields.region,
          actor.id,
        ],
      );
      updated.push(match);
      report.updated += 1;
      recorded.push({ fingerprint: row.fingerprint, id: match });
      continue;
    }
    // Imported leads go through the assignment rules like any capture; else they are the importer's.
    const lead = await capture.capture(
      tx,
      row.fields,
      {
        source: 'import',
        fallback: { ownerId: isUuid(actor.id) ? actor.id : null, teamId: actor.teams[0] ?? null },
        audit: false,
      },
      actor,
    );
    if (row.fields.email) existing.set(row.fields.email, lead.id);
    created.push(lead);
    report.created += 1;
    recorded.push({ fingerprint: row.fingerprint, id: lead.id });
  }
  await fingerprints.record(tx, recorded);
  // The audit chain's lock last, just before the commit; a dry run is rolled back, so it takes none.
  if (options.dryRun || (!created.length && !updated.length)) return;
  await appendAudit(tx, [
    ...created.map((lead) =>
      auditEntry(actor, 'lead.import_create', { type: 'lead', id: lead.id }, [], {
        ownerId: lead.ownerId,
        teamId: lead.teamId,
        ruleId: lead.assignmentRuleId,
      }),
    ),
    ...updated.map((id) => auditEntry(actor, 'lead.import_update', { type: 'lead', id })),
  ]);
}

/** Imports leads from a CSV stream in batches (dry run, mapping report, per-row errors, idempotent re-runs). */
export function importLeads(
  dataSource: Parameters<typeof runCsvImport>[0],
  capture: LeadCapture,
  input: Readable,
  options: ImportOptions,
  actor: Actor,
): Promise<ImportReport> {
  const definition: CsvImportDefinition<ReadRow> = {
    table: 'leads',
    fingerprints: new ImportFingerprints('lead', 'lead_import_fingerprints'),
    describeColumns: describeLeadColumns,
    readRow: (row) =>
      'error' in row
        ? { item: { rowNumber: row.rowNumber, errors: unreadableRowErrors(row) } }
        : { item: mapLeadRow(row.record, row.rowNumber) },
    writeBatch: (tx, batch, context) => writeBatch(tx, batch, capture, actor, context),
  };
  return runCsvImport(dataSource, definition, input, options);
}
