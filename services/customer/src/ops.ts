// The customer service's operations command, shipped in its image as ops.js; `node ops.js` alone prints
// the commands (OPERATIONS_USAGE in @crm/platform/operations), docs/runbooks/ say when to use them.
import { operationsMain } from '@crm/platform/operations';
import { customerAuditCheckpoints } from './application/audit-checkpoints';

operationsMain({
  service: 'customer',
  databaseUrlVariable: 'CUSTOMER_DATABASE_URL',
  projections: {},
  auditCheckpoints: customerAuditCheckpoints,
});
