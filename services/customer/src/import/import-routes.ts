import { Router, type Request } from 'express';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import type { RouteTools } from '@crm/platform/host';
import { authenticatedRoute } from '@crm/platform/http';
import { canImport } from '../policy/account-access';
import type { CustomerServices } from '../application/customer-services';
import { importAccounts } from './account-import';
import { importContacts } from './contact-import';
import type { ImportOptions } from './import-report';

const policies = ['skip', 'update', 'create'] as const;
const encodings = ['auto', 'utf-8', 'gbk'] as const;

function parseOptions(query: Request['query']): ImportOptions {
  const policy = String(query.policy ?? 'skip');
  const encoding = String(query.encoding ?? 'auto').toLowerCase();
  const dryRun = String(query.dryRun ?? 'true');
  const violations = [];
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

/**
 * POST /imports/accounts and POST /imports/contacts, each ?dryRun=true|false&policy=skip|update|create&encoding=
 * auto|utf-8|gbk with the CSV file as the request body (streamed, never buffered). Answers the import report. A dry
 * run is the default.
 */
export function importRoutes(services: CustomerServices, tools: RouteTools): Router {
  const router = Router();
  const route = (path: string, kind: string, run: typeof importAccounts): void => {
    router.post(
      path,
      authenticatedRoute({ ...tools, name: `${kind} import` }, async (req, res, { actor }) => {
        if (!canImport(actor)) throw new NotAllowedError('your roles do not allow importing');
        const options = parseOptions(req.query);
        const report = await run(services, req, options, actor);
        tools.logger.info(
          { rows: report.rowsRead, created: report.created, failed: report.failed, dryRun: report.dryRun },
          `${kind} import finished`,
        );
        res.json(report);
      }),
    );
  };
  route('/imports/accounts', 'account', importAccounts);
  route('/imports/contacts', 'contact', importContacts);
  return router;
}
