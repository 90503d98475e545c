import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const lifecycleModule = resolve(__dirname, '../src/lifecycle/index.ts');
const loggingModule = resolve(__dirname, '../src/logging/index.ts');

// A service in miniature: one step per phase printing what it does, one request in flight when SIGTERM arrives.
function fixture(options: { timeoutMs: number; hangIn?: string }): string {
  return `
    const { createShutdown } = require(${JSON.stringify(lifecycleModule)});
    const { createLogger } = require(${JSON.stringify(loggingModule)});
    const say = (line) => process.stdout.write(line + '\\n');
    const logger = createLogger('lifecycle-fixture', {}, { write: (line) => process.stderr.write(line) });
    const shutdown = createShutdown({ logger, timeoutMs: ${options.timeoutMs}, readiness: { markShuttingDown: () => say('readiness off') } });
    let inFlight = new Promise((resolve) => setTimeout(() => { say('request finished'); resolve(); }, 600));
    const keepAlive = setInterval(() => undefined, 1000);
    const step = (phase, name, ms) => shutdown.onShutdown(phase, name, () =>
      ${JSON.stringify(options.hangIn ?? '')} === phase
        ? new Promise(() => say(phase + ' hangs'))
        : new Promise((resolve) => { say(phase + ' ' + name); setTimeout(resolve, ms); }));
    step('stop-accepting', 'http', 20);
    shutdown.onShutdown('drain', 'requests', async () => { await inFlight; say('drain done'); });
    step('stop-consumers', 'consumers', 20);
    step('flush', 'outbox', 20);
    step('close', 'database', 20);
    shutdown.onShutdown('close', 'timers', () => clearInterval(keepAlive));
    shutdown.listen();
    say('ready');
  `;
}

function runUntilSigterm(
  script: string,
): Promise<{ code: number | null; lines: string[]; stderr: string; ms: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalledAt && stdout.includes('ready\n')) {
        signalledAt = Date.now();
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      done({ code, lines: stdout.trim().split('\n'), stderr, ms: signalledAt ? Date.now() - signalledAt : -1 }),
    );
  });
}

describe('graceful shutdown', () => {
  it('on SIGTERM turns readiness off, runs the phases in order, lets in-flight work finish and exits 0', async () => {
    const { code, lines, stderr } = await runUntilSigterm(fixture({ timeoutMs: 5000 }));
    expect(lines).toEqual([
      'ready',
      'readiness off',
      'stop-accepting http',
      'request finished',
      'drain done',
      'stop-consumers consumers',
      'flush outbox',
      'close database',
    ]);
    expect(code).toBe(0);
    const logged = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; phase?: string; reason?: string });
    expect(logged.find((l) => l.msg === 'shutting down')?.reason).toBe('SIGTERM');
    expect(logged.filter((l) => l.msg === 'shutdown phase finished').map((l) => l.phase)).toEqual([
      'stop-accepting',
      'drain',
      'stop-consumers',
      'flush',
      'close',
    ]);
  });

  it('cuts off a hung phase at the timeout and exits non-zero', async () => {
    const { code, lines, stderr, ms } = await runUntilSigterm(fixture({ timeoutMs: 800, hangIn: 'flush' }));
    expect(code).toBe(1);
    expect(lines).toContain('flush hangs');
    expect(lines).not.toContain('close database');
    expect(ms).toBeGreaterThanOrEqual(700);
    expect(ms).toBeLessThan(5000);
    expect(stderr).toContain('"msg":"shutdown timed out"');
    expect(stderr).toContain('"phase":"flush"');
  });
});
