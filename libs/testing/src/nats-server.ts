import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

export interface NatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** Stops the server (SIGTERM, then SIGKILL) and keeps its store unless `removeStore`. */
  stop(removeStore?: boolean): Promise<void>;
  /** Stops and starts again on the same port with the same store: JetStream state survives. */
  restart(): Promise<void>;
}

const repoRoot = join(__dirname, '..', '..', '..');

export function natsServerBinary(): string {
  const candidates = [process.env.NATS_SERVER_BIN, join(repoRoot, '.tools', 'bin', 'nats-server')];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('nats-server not found: run `make setup` (it builds it into .tools/bin)');
  return found;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface NatsServerOptions {
  /** The server's max_payload (default 1 MiB), for tests of what happens to larger messages. */
  maxPayloadBytes?: number;
}

/** Starts a real nats-server with JetStream on a free port, its store in a temporary directory. */
export async function startNats(options: NatsServerOptions = {}): Promise<NatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'crm-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  if (options.maxPayloadBytes !== undefined) {
    // max_payload has no command-line flag: it is set in a config file.
    const configFile = join(storeDir, 'nats-server.conf');
    writeFileSync(configFile, `max_payload: ${options.maxPayloadBytes}\n`);
    args.push('-c', configFile);
  }
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(natsServerBinary(), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitForPort(port, 10_000);
  };
  const halt = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    async stop(removeStore = true) {
      await halt();
      if (removeStore) rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      await launch();
    },
  };
}
