import { Router } from 'express';
import { csvImportRoute } from '@crm/platform/csv-import';
import type { RouteTools } from '@crm/platform/host';
import type { SalesServices } from '../application/sales-services';
import { canCaptureLeads } from '../policy/lead-access';
import { importLeads } from './lead-import';

/** POST /imports/leads?dryRun=true|false&policy=skip|update|create&encoding=auto|utf-8|gbk (a dry run by default). */
export function leadImportRoutes(services: SalesServices, tools: RouteTools): Router {
  const router = Router();
  csvImportRoute(router, tools, {
    path: '/imports/leads',
    kind: 'lead',
    mayImport: canCaptureLeads,
    run: (input, options, actor) => importLeads(services.dataSource, services.leadCapture, input, options, actor),
  });
  return router;
}
