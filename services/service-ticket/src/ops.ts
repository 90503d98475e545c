// The ticket service's operations command, shipped in its image as ops.js (docs/runbooks/):
//   node ops.js dlq list <durable> | dlq replay <durable> (--seq N | --all) [--dry-run]
//   node ops.js consumers rewind <stream> <durable> --since <ISO time>
//   node ops.js projections resync account-facts [--from-seq N]
//   node ops.js audit checkpoints verify | audit checkpoints rebase --by <name> --reason <text> --confirm <service>
import { ticketEventsV1 } from '@crm/contracts';
import { catalogAuditCheckpoints } from '@crm/platform/audit';
import { accountFactsProjection, runOperationsCommand } from '@crm/platform/operations';
import { recordEvent } from './events/ticket-events';

void runOperationsCommand(process.argv.slice(2), {
  service: 'service-ticket',
  databaseUrlVariable: 'TICKET_DATABASE_URL',
  projections: { 'account-facts': accountFactsProjection },
  auditCheckpoints: (dataSource, bus, intervalMinutes) =>
    catalogAuditCheckpoints({
      service: 'ticket',
      dataSource,
      bus,
      intervalMinutes,
      codec: ticketEventsV1.AuditCheckpoint,
      record: recordEvent,
    }),
}).then((code) => {
  process.exitCode = code;
});
