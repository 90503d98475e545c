import { Router } from 'express';
import { csvImportRoute } from '@crm/platform/csv-import';
import type { RouteTools } from '@crm/platform/host';
import { canImport } from '../policy/account-access';
import type { CustomerServices } from '../application/customer-services';
import { importAccounts } from './account-import';
import { importContacts } from './contact-import';

/**
 * POST /imports/accounts and POST /imports/contacts, each ?dryRun=true|false&policy=skip|update|create&encoding=
 * auto|utf-8|gbk with the CSV file as the request body (streamed, never buffered). Answers the import report. A dry
 * run is the default.
 */
export function importRoutes(services: CustomerServices, tools: RouteTools): Router {
  const router = Router();
  csvImportRoute(router, tools, {
    path: '/imports/accounts',
    kind: 'account',
    mayImport: canImport,
    run: (input, options, actor) => importAccounts(services, input, options, actor),
  });
  csvImportRoute(router, tools, {
    path: '/imports/contacts',
    kind: 'contact',
    mayImport: canImport,
    run: (input, options, actor) => importContacts(services, input, options, actor),
  });
  return router;
}
