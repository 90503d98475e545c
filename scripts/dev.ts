// `make dev`: runs scripts/dev-stack.ts in its own process group, so a Ctrl-C in the terminal does not hit PostgreSQL,
// NATS and the services all at once; it becomes one SIGTERM to the stack, which stops them in order.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const stack = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'dev-stack.ts')], {
  stdio: 'inherit',
  detached: true,
});
let signalled = false;
const stop = () => {
  if (signalled || stack.exitCode !== null) return;
  signalled = true;
  stack.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
stack.on('exit', (code) => process.exit(code ?? 0));
