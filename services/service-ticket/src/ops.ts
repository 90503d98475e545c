// The service-ticket service's operations command, shipped in its image as ops.js; `node ops.js` alone prints
// the commands (OPERATIONS_USAGE in @crm/platform/operations), docs/runbooks/ say when to use them.
import { accountFactsProjection, operationsMain } from '@crm/platform/operations';
import { ticketAuditCheckpoints } from './events/ticket-events';

operationsMain({
  service: 'service-ticket',
  databaseUrlVariable: 'TICKET_DATABASE_URL',
  projections: { 'account-facts': accountFactsProjection },
  auditCheckpoints: ticketAuditCheckpoints,
});
