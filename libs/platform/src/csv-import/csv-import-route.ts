import type { Readable } from 'node:stream';
import { Router, type Request } from 'express';
import type { Actor } from '../auth';
import { InputError, NotAllowedError, type FieldViolation } from '../errors';
import type { RouteTools } from '../host';
import { authenticatedRoute } from '../http';
import type { ImportOptions, ImportReport } from './import-report';

const policies = ['skip', 'update', 'create'] as const;
const encodings = ['auto', 'utf-8', 'gbk'] as const;

/** `?dryRun=true|false&policy=skip|update|create&encoding=auto|utf-8|gbk`; a dry run and policy skip by default. */
export function parseImportOptions(query: Request['query']): ImportOptions {
  const policy = String(query.policy ?? 'skip');
  const encoding = String(query.encoding ?? 'auto').toLowerCase();
  const dryRun = String(query.dryRun ?? 'true');
  const violations: FieldViolation[] = [];
  if (!(policies as readonly string[]).includes(policy))
    violations.push({ path: ['policy'], rule: 'enum', message: `must be one of ${policies.join(', ')}` });
  if (!(encodings as readonly string[]).includes(encoding))
    violations.push({ path: ['encoding'], rule: 'enum', message: `must be one of ${encodings.join(', ')}` });
  if (!['true', 'false'].includes(dryRun))
    violations.push({ path: ['dryRun'], rule: 'boolean', message: 'must be true or false' });
  if (violations.length) throw new InputError(violations);
  return {
    policy: policy as ImportOptions['policy'],
    encoding: encoding as ImportOptions['encoding'],
    dryRun: dryRun === 'true',
  };
}

export interface CsvImportRoute {
  /** e.g. `/imports/accounts`; it also needs a row in the service's policy table. */
  path: string;
  /** What is imported, for logs: `account`. */
  kind: string;
  /** Whether the caller's roles allow this import at all (row-level rules stay with the import). */
  mayImport(actor: Actor): boolean;
  run(input: Readable, options: ImportOptions, actor: Actor): Promise<ImportReport>;
}

/**
 * POST `path` with the CSV file as the request body (streamed, never buffered) and the options of
 * `parseImportOptions` in the query; answers the import report. A dry run is the default.
 */
export function csvImportRoute(router: Router, tools: RouteTools, route: CsvImportRoute): void {
  router.post(
    route.path,
    authenticatedRoute({ ...tools, name: `${route.kind} import` }, async (req, res, { actor }) => {
      if (!route.mayImport(actor)) throw new NotAllowedError('your roles do not allow importing');
      const options = parseImportOptions(req.query);
      const report = await route.run(req, options, actor);
      tools.logger.info(
        { rows: report.rowsRead, created: report.created, failed: report.failed, dryRun: report.dryRun },
        `${route.kind} import finished`,
      );
      res.json(report);
    }),
  );
}
