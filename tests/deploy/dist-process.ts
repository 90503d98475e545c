import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import type { BuildManifest } from '../../scripts/build/bundle-deployable';

/** Runs `make build`'s script once (a child process: esbuild's API does not run inside jest's sandbox). */
export function buildDist(): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the build failed: ${run.stderr}`);
}

export function distDir(name: string): string {
  return join(repoRoot, 'dist', name);
}

export function readManifest(name: string): BuildManifest {
  return JSON.parse(readFileSync(join(distDir(name), 'build-manifest.json'), 'utf8')) as BuildManifest;
}

/** A deployable started from dist/ as its image starts it: plain node, the telemetry preload, no tsx. */
export interface DistProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** The environment of a bare `node`: nothing of jest's or tsx's loaders leaks in. */
function bareEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env };
}

/**
 * Node's permission model lets the process read anything but write only to its own temporary directory (TMPDIR):
 * what the image's read-only root filesystem with a /tmp mount allows, so a write elsewhere fails here too.
 */
function onlyTmpWritable(tmp: string): string[] {
  return ['--permission', '--allow-fs-read=*', `--allow-fs-write=${tmp}`];
}

export function startDist(
  name: string,
  script: string,
  env: Record<string, string>,
  scriptArgs: string[] = [],
): DistProcess {
  const manifest = readManifest(name);
  const tmp = mkdtempSync(join(tmpdir(), `crm-dist-${name}-`));
  const args = [
    ...onlyTmpWritable(tmp),
    '--enable-source-maps',
    '--import',
    `./${manifest.preload}`,
    script,
    ...scriptArgs,
  ];
  const child = spawn(process.execPath, args, {
    cwd: distDir(name),
    env: bareEnvironment({ OTEL_SERVICE_NAME: name, TMPDIR: tmp, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Runs a bundle to its end (the migration or operations command) and returns its exit code and output. */
export async function runDist(
  name: string,
  script: string,
  env: Record<string, string>,
  scriptArgs: string[] = [],
): Promise<[number | null, string]> {
  const proc = startDist(name, script, env, scriptArgs);
  const code = await proc.exited;
  return [code, proc.output()];
}

export async function waitForOk(url: string, proc: DistProcess, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`exited (${proc.child.exitCode}) before ${url} was ok: ${proc.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was not ok within ${timeoutMs} ms: ${proc.output()}`);
}

/** SIGTERM, as the kubelet sends it; resolves with the exit code of the graceful drain. */
export async function stopDist(proc: DistProcess): Promise<number | null> {
  if (proc.child.exitCode !== null) return proc.child.exitCode;
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 30_000);
  proc.child.kill('SIGTERM');
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}
