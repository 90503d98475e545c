import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstFreePort, freePort } from './ports';

const lockFile = (port: number) => join(tmpdir(), 'crm-test-ports', `${port}.lock`);

function ephemeralLow(): number {
  return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
}

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, even to concurrent callers', async () => {
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralLow());
    }
  });

  it('holds each port for this process with a lock another process respects', async () => {
    const port = await freePort();
    expect(readFileSync(lockFile(port), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
  });

  it('takes over a lock whose process has gone, and releases its own at exit', () => {
    // A child process reserves a port and exits: its lock is gone afterwards.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', "require('./ports').freePort().then((p) => process.stdout.write(String(p)))"],
      { cwd: __dirname, encoding: 'utf8' },
    );
    expect(child.status).toBe(0);
    const port = Number(child.stdout);
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(existsSync(lockFile(port))).toBe(false);
  });

  it("takes over a dead process's lock, but skips a live one's and a port something listens on", async () => {
    const [dead, live, busy, free] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    // Rewrite their locks as other processes would have left them.
    writeFileSync(lockFile(dead), `999999999 ${Date.now()}`);
    writeFileSync(lockFile(live), `${process.ppid} ${Date.now()}`);
    writeFileSync(lockFile(busy), `999999999 ${Date.now()}`);
    writeFileSync(lockFile(free), `999999999 ${Date.now()}`);
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(busy, '127.0.0.1', () => resolve()));
    try {
      expect(await firstFreePort([live, busy, dead])).toBe(dead);
      expect(readFileSync(lockFile(dead), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
      expect(await firstFreePort([busy, free])).toBe(free);
      await expect(firstFreePort([live, busy])).rejects.toThrow(/no free port among the candidates/);
      // A lock older than a day is taken over even when its pid is alive again (a reused pid).
      writeFileSync(lockFile(live), `${process.ppid} ${Date.now() - 25 * 60 * 60 * 1000}`);
      expect(await firstFreePort([live])).toBe(live);
    } finally {
      listener.close();
    }
  });
});
