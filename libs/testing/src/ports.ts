import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Ports for processes a test starts and that bind later (services, gateways, nats-server, proxies).
 *
 * Asking the kernel for port 0 and closing the probe leaves a window before the real process binds. Two things took
 * such ports in CI runs: another jest worker's probe (the kernel hands the released port out again), and the source
 * port of an outgoing connection (pg pools, fetches), which comes from the same ephemeral range. The process then
 * exited with EADDRINUSE, or a readiness probe reached someone else's listener.
 *
 * So ports are drawn from below the ephemeral range, where the kernel never picks source ports, and each one is
 * reserved machine-wide with a lock file (jest workers and a second checkout share the machine) until the reserving
 * process exits. A lock whose process is gone, or that is older than a day (a reused pid), is taken over.
 */

const lockDir = join(tmpdir(), 'crm-test-ports');
const STALE_MS = 24 * 60 * 60 * 1000;
const LOWEST = 20_000;
/** Ports the development stack and the browser tests use at fixed numbers stay out of the pool. */
const FIXED = new Set([4000, 4222, 5173, 5174, 5175, 5176, 5177, 5432, 8080, 8222, 9000, 9090, 9464]);

const held = new Set<string>();
let cleanupRegistered = false;

function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const value = Number(low);
    return Number.isInteger(value) && value > 0 ? value : 32_768;
  } catch {
    return 32_768; // Linux's default; other systems keep theirs higher (49152 on macOS)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseAll(): void {
  for (const file of held) rmSync(file, { force: true });
  held.clear();
}

/** Takes the lock for `port`; undefined when a live process holds it. */
function reserve(port: number): string | undefined {
  const file = join(lockDir, `${port}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid} ${Date.now()}`);
      closeSync(fd);
      return file;
    } catch {
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        continue; // released meanwhile: try once more
      }
      const [owner = 0, since = 0] = content.split(' ').map(Number);
      if (owner && alive(owner) && Date.now() - since < STALE_MS) return undefined;
      rmSync(file, { force: true });
    }
  }
  return undefined;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    // The wildcard address conflicts with a listener on any local address, 127.0.0.1 included.
    probe.listen({ port, host: '0.0.0.0', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * A port no other test process on this machine has been given and nothing listens on, held for this process's
 * lifetime. Throws when none is found, rather than handing out one that may collide.
 */
export async function freePort(): Promise<number> {
  const highest = Math.min(ephemeralLow(), 65_536) - 1;
  if (highest - LOWEST < 1_000) throw new Error(`no port range below the ephemeral range (${highest + 1})`);
  const random = function* () {
    for (let attempt = 0; attempt < 500; attempt++) yield LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
  };
  return firstFreePort(random(), `between ${LOWEST} and ${highest} after 500 attempts`);
}

/** The first of `candidates` that can be reserved and bound (exported for its test). */
export async function firstFreePort(
  candidates: Iterable<number>,
  description = 'among the candidates',
): Promise<number> {
  mkdirSync(lockDir, { recursive: true });
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', releaseAll);
  }
  for (const port of candidates) {
    if (FIXED.has(port)) continue;
    const file = reserve(port);
    if (!file) continue;
    if (await bindable(port)) {
      held.add(file);
      return port;
    }
    rmSync(file, { force: true });
  }
  throw new Error(`no free port ${description} (locks in ${lockDir})`);
}
