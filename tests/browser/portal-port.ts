import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The portal origins the development realm registers for the browser tests (infra/keycloak/realm-crm.json). */
const PORTS = [5174, 5175, 5176, 5177];
// Machine-wide (not per clone): two checkouts running their tests at once share the same ports.
const lockDir = join(tmpdir(), 'crm-browser-ports');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes one of the registered portal ports for this test file (jest runs files in parallel workers; Keycloak only
 * redirects to exact, registered origins). A lock left by a dead process is taken over.
 */
export async function takePortalPort(deadline = Date.now() + 120_000): Promise<{ port: number; release(): void }> {
  mkdirSync(lockDir, { recursive: true });
  while (Date.now() < deadline) {
    for (const port of PORTS) {
      const file = join(lockDir, `${port}.lock`);
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return { port, release: () => rmSync(file, { force: true }) };
      } catch {
        let owner = 0;
        try {
          owner = Number(readFileSync(file, 'utf8') || 0);
        } catch {
          // released meanwhile: the next round takes it
        }
        if (owner && !alive(owner)) rmSync(file, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no free portal port among ${PORTS.join(', ')} (see ${lockDir})`);
}
