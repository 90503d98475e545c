// The customer service's operations command, shipped in its image as ops.js (docs/runbooks/dead-letter-replay.md):
//   node ops.js dlq list <durable> | dlq replay <durable> (--seq N | --all) [--dry-run]
//   node ops.js consumers rewind <stream> <durable> --since <ISO time>
import { runOperationsCommand } from '@crm/platform/operations';

void runOperationsCommand(process.argv.slice(2), {
  service: 'customer',
  databaseUrlVariable: 'CUSTOMER_DATABASE_URL',
  projections: {},
}).then((code) => {
  process.exitCode = code;
});
