import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, natsServerBinary } from '@crm/testing';

/** A real nats-server with JetStream that only lets in the clients its authentication configuration names. */
export interface AuthNatsServer {
  url: string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `authentication` is server configuration: an `authorization { users = [...] }` or `{ token: ... }` block, or an
 * operator with its accounts (operatorSetup).
 */
export async function startAuthNats(authentication: string): Promise<AuthNatsServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'crm-nats-auth-'));
  const configFile = join(dir, 'nats-server.conf');
  writeFileSync(configFile, `listen: "127.0.0.1:${port}"\njetstream { store_dir: "${dir}" }\n${authentication}\n`);
  const child: ChildProcess = spawn(natsServerBinary(), ['-c', configFile], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline) throw new Error(`nats-server with authorization did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
