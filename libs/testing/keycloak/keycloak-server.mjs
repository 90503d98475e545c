// Starts a real Keycloak (installed into .tools/keycloak by `make setup`, see scripts/keycloak/install.sh)
// with the crm realm imported from infra/keycloak/realm-crm.json. Used by the jest global setup and by scripts.
//
// Each server gets its own data directory, used as Keycloak's home (`-Dkc.home.dir`): its H2 database
// (the dev-file one, copied from the template made at install), the realm import, transaction logs.
// The distribution's lib/, conf/, providers/ and themes/ are linked into it, so the pre-built (`kc.sh build`)
// server starts with --optimized. Production mode (`start`) with http, bound to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where `make setup` unpacked Keycloak (KEYCLOAK_HOME overrides). */
export function keycloakHome() {
  return process.env.KEYCLOAK_HOME ?? join(repoRoot, '.tools', 'keycloak');
}

/** True once scripts/keycloak/install.sh has completed (its stamp is written last). */
export function keycloakInstalled() {
  return existsSync(join(keycloakHome(), '.crm-install'));
}

/** The realm file imported at start. */
export const defaultRealmFile = join(repoRoot, 'infra', 'keycloak', 'realm-crm.json');
/** TEST ONLY realm whose tokens every API must refuse. */
export const partnerRealmFile = join(repoRoot, 'infra', 'keycloak', 'realm-partner.json');

function installInfo() {
  const stampFile = join(keycloakHome(), '.crm-install');
  if (!existsSync(stampFile)) {
    throw new Error(`Keycloak is not installed in ${keycloakHome()}: run \`make setup\` (scripts/keycloak/install.sh)`);
  }
  const info = Object.fromEntries(
    readFileSync(stampFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { ...info, javaHome: process.env.KEYCLOAK_JAVA_HOME ?? info.java_home };
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The java process started by kc.sh (it runs java as its child and forwards TERM/INT to it). */
function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Starts Keycloak and resolves once the realm's OpenID configuration answers.
 *
 * @param {object} [options]
 * @param {number} [options.port] HTTP port (a free one by default).
 * @param {number} [options.managementPort] port of the management interface (/health/ready); free one by default.
 * @param {string} [options.dataDir] Keycloak's data directory; kept on stop. By default a temporary one,
 *   removed on stop. A directory that already holds the realm keeps it (the import skips existing realms).
 * @param {boolean} [options.quiet=true] false: Keycloak's log also goes to stdout (it always goes to <dataDir>/keycloak.log).
 * @param {string} [options.hostname] public base URL (fixes the token issuer); http://127.0.0.1:<port> by default.
 * @param {string} [options.realmFile] realm to import (infra/keycloak/realm-crm.json by default).
 * @param {string} [options.realm='crm'] realm whose discovery document marks the server ready.
 * @param {{username: string, password: string}} [options.bootstrapAdmin] master-realm admin to create (dev consoles;
 *   created with a new database only, so this start initialises the schema itself: a few seconds slower).
 * @param {string} [options.heap='512m'] maximum Java heap.
 * @param {number} [options.timeoutMs=240000] how long to wait for readiness.
 * @returns {Promise<{url: string, issuer: string, port: number, managementPort: number, dataDir: string,
 *   logFile: string, startMs: number, version: string, javaVersion: string, stop(): Promise<void>}>}
 */
export async function startKeycloak(options = {}) {
  const {
    quiet = true,
    realm = 'crm',
    realmFile = defaultRealmFile,
    heap = process.env.KEYCLOAK_HEAP ?? '512m',
    timeoutMs = 240_000,
    bootstrapAdmin,
  } = options;
  const started = Date.now();
  const info = installInfo();
  const home = keycloakHome();
  const port = options.port ?? (await freePort());
  const managementPort = options.managementPort ?? (await freePort());
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'crm-keycloak-'));
  const url = `http://127.0.0.1:${port}`;
  const hostname = options.hostname ?? url;
  const issuer = `${hostname.replace(/\/$/, '')}/realms/${realm}`;

  // Keycloak home for this server: the distribution's files linked in, its own data/.
  mkdirSync(join(dataDir, 'data', 'import'), { recursive: true });
  for (const dir of ['lib', 'providers', 'themes', 'conf']) {
    if (!existsSync(join(dataDir, dir))) symlinkSync(join(home, dir), join(dataDir, dir));
  }
  copyFileSync(realmFile, join(dataDir, 'data', 'import', `${realm}-realm.json`));
  // TEST ONLY: a second realm, so tests can present a genuine token from another issuer (see realm-partner.json).
  for (const extra of options.extraRealmFiles ?? [partnerRealmFile])
    copyFileSync(extra, join(dataDir, 'data', 'import', basename(extra)));
  const database = join(dataDir, 'data', 'h2', 'keycloakdb.mv.db');
  const template = join(home, 'crm-template', 'keycloakdb.mv.db');
  // Keycloak creates the bootstrap admin only with a new master realm, so then no template.
  if (!existsSync(database) && existsSync(template) && !bootstrapAdmin) {
    mkdirSync(dirname(database), { recursive: true });
    copyFileSync(template, database);
  }

  const args = [
    `-Dkc.home.dir=${dataDir}`,
    'start',
    '--optimized',
    '--http-enabled=true',
    '--http-host=127.0.0.1',
    `--http-port=${port}`,
    '--http-management-host=127.0.0.1',
    `--http-management-port=${managementPort}`,
    `--hostname=${hostname}`,
    '--cache=local',
    '--import-realm',
  ];
  const env = {
    ...process.env,
    JAVA_HOME: info.javaHome,
    JAVA_OPTS_KC_HEAP: `-Xms64m -Xmx${heap}`,
    // C1 only: faster start and less CPU on a small machine; plenty for dev and tests.
    JAVA_OPTS_APPEND: [process.env.JAVA_OPTS_APPEND, '-XX:TieredStopAtLevel=1'].filter(Boolean).join(' '),
  };
  delete env.JAVA_OPTS;
  // Brute-force protection stays on, but Keycloak 26 otherwise refuses concurrent *valid* logins of one user
  // ("Invalid user credentials"), which parallel test files and several browser tabs both produce.
  env.KC_SPI_BRUTE_FORCE_PROTECTOR_DEFAULT_BRUTE_FORCE_DETECTOR_ALLOW_CONCURRENT_REQUESTS = 'true';
  if (bootstrapAdmin) {
    env.KC_BOOTSTRAP_ADMIN_USERNAME = bootstrapAdmin.username;
    env.KC_BOOTSTRAP_ADMIN_PASSWORD = bootstrapAdmin.password;
  }

  const logFile = join(dataDir, 'keycloak.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(join(home, 'bin', 'kc.sh'), args, {
    cwd: dataDir,
    env,
    stdio: ['ignore', quiet ? logFd : 'pipe', quiet ? logFd : 'pipe'],
  });
  if (!quiet) {
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        writeSync(logFd, chunk);
        process.stdout.write(`[keycloak] ${chunk}`.replace(/\n(?=.)/g, '\n[keycloak] '));
      });
    }
  }
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  let exitStatus;
  exited.then((status) => {
    exitStatus = status;
    try {
      closeSync(logFd);
    } catch {
      /* already closed */
    }
  });
  // If this process ends without stop() (a crash, process.exit), do not leave a JVM behind.
  const killOnExit = () => {
    for (const pid of [child.pid, ...childPids(child.pid)]) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (!exitStatus) {
      const javaPids = childPids(child.pid);
      const timer = setTimeout(() => {
        for (const pid of [child.pid, ...javaPids]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }, 20_000);
      child.kill('SIGTERM'); // kc.sh forwards it to java, which shuts down gracefully
      await exited;
      clearTimeout(timer);
    }
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };

  // Ready when the realm's discovery document answers (the realm import runs before the server serves it).
  const discovery = `${url}/realms/${realm}/.well-known/openid-configuration`;
  const deadline = started + timeoutMs;
  for (;;) {
    if (exitStatus) {
      const log = tail(logFile);
      await stop();
      throw new Error(`Keycloak exited (${JSON.stringify(exitStatus)}) before it was ready:\n${log}`);
    }
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        const document = await response.json();
        if (document.issuer !== issuer) throw new Error(`unexpected issuer ${document.issuer}, expected ${issuer}`);
        break;
      }
      await response.body?.cancel();
    } catch (error) {
      if (String(error?.message).startsWith('unexpected issuer')) {
        await stop();
        throw error;
      }
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      const log = tail(logFile);
      await stop();
      throw new Error(`Keycloak did not become ready within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    issuer,
    port,
    managementPort,
    dataDir,
    logFile,
    startMs: Date.now() - started,
    version: info.version,
    javaVersion: info.java_version,
    stop,
  };
}
