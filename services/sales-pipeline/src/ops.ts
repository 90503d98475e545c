// The sales-pipeline service's operations command, shipped in its image as ops.js; `node ops.js` alone prints
// the commands (OPERATIONS_USAGE in @crm/platform/operations), docs/runbooks/ say when to use them.
import { accountFactsProjection, operationsMain } from '@crm/platform/operations';
import { salesAuditCheckpoints } from './events/sales-events';

operationsMain({
  service: 'sales-pipeline',
  databaseUrlVariable: 'SALES_DATABASE_URL',
  projections: { 'account-facts': accountFactsProjection },
  auditCheckpoints: salesAuditCheckpoints,
});
