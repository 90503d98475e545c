import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import type { RouteTools } from '@crm/platform/host';
import { authenticatedRoute } from '@crm/platform/http';
import { MAX_PAGE_SIZE } from '@crm/platform/pagination';
import type { Actor } from '@crm/platform/auth';
import { searchAccounts, type AccountFilter } from '../application/account-search';
import { termsOf } from '../application/account-service';
import { isUuid } from '../domain/uuid';
import { audit } from '@crm/platform/audit';
import type { CustomerServices } from '../application/customer-services';
import type { AccountRow } from '../db/account.entity';
import { grades } from '../domain/account';
import { canReadSensitive, has, managesTeam } from '../policy/account-access';
import { canExport } from '../policy/export-permission';

/** The query of GET /exports/accounts.csv: the same search and filters as the accounts list. */
export interface AccountExportFilter {
  search: string | null;
  grades: string[];
  /** Owner ids; 'pool' stands for the unowned accounts. */
  owners: string[];
}

interface Column {
  header: string;
  value: (row: AccountRow) => string;
}

const text = (value: string | null | undefined): string => value ?? '';
const list = (values: string[]): string => values.join('; ');
const instant = (value: Date | null): string => (value ? value.toISOString() : '');

const COLUMNS: Column[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'taxId', value: (r) => text(r.taxId) },
  { header: 'industry', value: (r) => text(r.industry) },
  { header: 'size', value: (r) => text(r.size) },
  { header: 'website', value: (r) => text(r.website) },
  { header: 'phones', value: (r) => list(r.phones) },
  { header: 'emails', value: (r) => list(r.emails) },
  { header: 'tags', value: (r) => list(r.tags) },
  { header: 'grade', value: (r) => text(r.grade) },
  { header: 'lifecycleStage', value: (r) => r.lifecycleStage },
  { header: 'ownerId', value: (r) => text(r.ownerId) },
  { header: 'teamId', value: (r) => text(r.teamId) },
  { header: 'description', value: (r) => text(r.description) },
  { header: 'createdAt', value: (r) => instant(r.createdAt) },
  { header: 'updatedAt', value: (r) => instant(r.updatedAt) },
  { header: 'lastActivityAt', value: (r) => instant(r.lastActivityAt) },
];

/** Credit and bank data: filled only on the rows whose sensitive fields the caller may read (canReadSensitive). */
const SENSITIVE_COLUMNS: Column[] = [
  { header: 'creditLimit', value: (r) => text(termsOf(r).creditLimit?.amount) },
  { header: 'creditCurrency', value: (r) => text(termsOf(r).creditLimit?.currencyCode) },
  { header: 'paymentTerms', value: (r) => text(r.paymentTerms) },
  { header: 'bankName', value: (r) => text(r.bankName) },
  { header: 'bankAccount', value: (r) => text(r.bankAccount) },
  { header: 'taxRegistration', value: (r) => text(r.taxRegistration) },
];

const BOM = '\uFEFF';

/** RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe =
    /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function parseExportFilter(query: Request['query']): AccountExportFilter {
  const values = (name: string): string[] =>
    [query[name]]
      .flat()
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const search = values('search').join(' ') || null;
  const gradeList = values('grade').map((g) => g.toUpperCase());
  const owners = values('owner');
  const violations = [];
  if (search && search.length > 200)
    violations.push({ path: ['search'], rule: 'max_length', message: 'must be at most 200 characters' });
  if (gradeList.some((g) => !(grades as readonly string[]).includes(g)))
    violations.push({ path: ['grade'], rule: 'enum', message: `must be among ${grades.join(', ')}` });
  if (owners.some((o) => o !== 'pool' && !isUuid(o)))
    violations.push({ path: ['owner'], rule: 'uuid', message: "must be user ids (UUIDs) or 'pool'" });
  if (violations.length) throw new InputError(violations);
  return { search, grades: gradeList, owners };
}

/** 2026-11-23T08:00:00Z: UTC to the second. */
function utcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ExportWatermark {
  exportId: string;
  username: string;
  userId: string;
  at: string;
}

/** The first line of the file, naming who exported it and when. */
export function watermarkLine(w: ExportWatermark): string {
  return `# Exported by ${w.username} (${w.userId}) at ${w.at} — confidential, watermark ${w.exportId}\r\n`;
}

/** The X-Export-Watermark header: the same facts, ASCII only. */
export function watermarkHeader(w: ExportWatermark): string {
  return `export=${w.exportId}; user=${encodeURIComponent(w.username)}; id=${w.userId}; at=${w.at}`;
}

/** Whether the caller could read the sensitive columns of some account: then the file has them. */
function mayExportSensitive(actor: Actor): boolean {
  return has(actor, 'crm-admin') || has(actor, 'finance') || actor.teams.some((team) => managesTeam(actor, team));
}

/** Writes with backpressure; a response the client already closed takes nothing (its 'close' will not come again). */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) return;
  if (!res.write(chunk) && !res.destroyed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

/** The audit details every row of one export carries: who (the watermark), what (the filter), in which form. */
function exportDetails(watermark: ExportWatermark, filter: AccountExportFilter, sensitive: boolean) {
  return {
    exportId: watermark.exportId,
    format: 'csv',
    filter,
    sensitiveColumns: sensitive,
    watermark: watermarkLine(watermark).trim(),
  };
}

/**
 * Streams the accounts the actor may read, page by page (never the whole result in memory), as a UTF-8 CSV with a
 * BOM for Excel. Audited twice, each in its own transaction: `account.export_start` (who, filter, watermark id) is
 * committed before the first byte leaves, so an export cut off by a crash or a disconnect is still on record; then
 * `account.export` with the row count and whether the file was complete, when the stream ends or fails.
 */
export async function streamAccountExport(
  services: CustomerServices,
  actor: Actor,
  username: string,
  filter: AccountExportFilter,
  res: Response,
): Promise<{ exportId: string; rows: number; complete: boolean }> {
  const watermark: ExportWatermark = { exportId: randomUUID(), username, userId: actor.id, at: utcSeconds(new Date()) };
  const sensitive = mayExportSensitive(actor);
  const columns = sensitive ? [...COLUMNS, ...SENSITIVE_COLUMNS] : COLUMNS;
  const accountFilter: AccountFilter = {
    ...(filter.grades.length ? { grades: filter.grades } : {}),
    ...(filter.owners.some((o) => o !== 'pool') ? { ownerIds: filter.owners.filter((o) => o !== 'pool') } : {}),
    ...(filter.owners.length === 1 && filter.owners[0] === 'pool' ? { inPool: true } : {}),
  };
  const details = exportDetails(watermark, filter, sensitive);
  const entity = { type: 'account', id: watermark.exportId };
  await services.dataSource.transaction((tx) => audit(tx, actor, 'account.export_start', entity, [], details));

  let rows = 0;
  let complete = false;
  let sensitiveRows = 0;
  let failure: unknown = null;
  try {
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="accounts-${watermark.at.slice(0, 10)}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-export-watermark', watermarkHeader(watermark));
    await write(res, BOM + watermarkLine(watermark) + csvLine(columns.map((c) => c.header)));
    let after: string | null = null;
    for (;;) {
      if (res.destroyed) break;
      const page = await searchAccounts(
        services.dataSource.manager,
        {
          query: filter.search ?? undefined,
          filter: accountFilter,
          defaultCountry: services.defaultCountry,
          first: MAX_PAGE_SIZE,
          after,
        },
        actor,
      );
      let chunk = '';
      for (const row of page.items) {
        const readsSensitive = sensitive && canReadSensitive(actor, row.teamId);
        if (readsSensitive) sensitiveRows += 1;
        chunk += csvLine(columns.map((c) => (SENSITIVE_COLUMNS.includes(c) && !readsSensitive ? '' : c.value(row))));
      }
      if (chunk) await write(res, chunk);
      // Counted once handed to the socket: a disconnect before that leaves them out.
      if (!res.destroyed) rows += page.items.length;
      if (!page.hasNextPage) {
        complete = !res.destroyed;
        break;
      }
      after = page.endCursor;
    }
  } catch (error) {
    failure = error;
  }
  await services.dataSource.transaction((tx) =>
    audit(tx, actor, 'account.export', entity, [], {
      ...details,
      rows,
      complete,
      rowsWithSensitiveValues: sensitiveRows,
      // The error itself goes to the log (redacted); the audit row only says the export broke off.
      failed: failure !== null,
    }),
  );
  if (failure) throw failure;
  res.end();
  return { exportId: watermark.exportId, rows, complete };
}

/**
 * GET /exports/accounts.csv?search=&grade=A,B&owner=<user id>|pool: the accounts the caller may read, for the roles
 * holding the export permission (policy/export-permission.ts), watermarked and audited.
 */
export function exportRoutes(services: CustomerServices, tools: RouteTools): Router {
  const router = Router();
  router.get(
    '/exports/accounts.csv',
    authenticatedRoute({ ...tools, name: 'account export' }, async (req, res, { principal, actor }) => {
      if (!canExport(actor)) throw new NotAllowedError('your roles do not allow exporting: ask a manager or crm-admin');
      const filter = parseExportFilter(req.query);
      const result = await streamAccountExport(services, actor, principal.username ?? principal.subject, filter, res);
      tools.logger.info(
        { exportId: result.exportId, rows: result.rows, complete: result.complete },
        'accounts exported',
      );
    }),
  );
  return router;
}
