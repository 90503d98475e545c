// The sales service's operations command, shipped in its image as ops.js (docs/runbooks/):
//   node ops.js dlq list <durable> | dlq replay <durable> (--seq N | --all) [--dry-run]
//   node ops.js consumers rewind <stream> <durable> --since <ISO time>
//   node ops.js projections resync account-facts [--from-seq N]
import { accountFactsProjection, runOperationsCommand } from '@crm/platform/operations';

void runOperationsCommand(process.argv.slice(2), {
  service: 'sales-pipeline',
  databaseUrlVariable: 'SALES_DATABASE_URL',
  projections: { 'account-facts': accountFactsProjection },
}).then((code) => {
  process.exitCode = code;
});
