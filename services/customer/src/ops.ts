// The customer service's operations command, shipped in its image as ops.js (docs/runbooks/dead-letter-replay.md):
//   node ops.js dlq list <durable> | dlq replay <durable> (--seq N | --all) [--dry-run]
//   node ops.js consumers rewind <stream> <durable> --since <ISO time>
//   node ops.js audit checkpoints verify | audit checkpoints rebase --by <name> --reason <text> --confirm <service>
import { runOperationsCommand } from '@crm/platform/operations';
import { customerAuditCheckpoints } from './application/audit-checkpoints';

void runOperationsCommand(process.argv.slice(2), {
  service: 'customer',
  databaseUrlVariable: 'CUSTOMER_DATABASE_URL',
  projections: {},
  auditCheckpoints: (dataSource, bus, intervalMinutes) =>
    customerAuditCheckpoints(dataSource, bus, { intervalMinutes }),
}).then((code) => {
  process.exitCode = code;
});
