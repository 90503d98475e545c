import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object, as far as the checks read it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  automountServiceAccountToken?: boolean;
}

/** A tool `make setup` installs into .tools (helm by go install, kubernetes-validate into a venv), else from PATH. */
function tool(name: string, installed: string): string {
  const local = join(repoRoot, '.tools', installed);
  if (existsSync(local)) return local;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  throw new Error(`${name} is not installed: run make setup`);
}

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function helm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return run(tool('helm', 'bin/helm'), args);
}

/** The umbrella chart's dependency (crm-lib) vendored into charts/crm/charts/, as `helm dependency build` does. */
export function buildChartDependencies(): void {
  const result = helm('dependency', 'build', 'charts/crm', '--skip-refresh');
  if (result.status !== 0) throw new Error(`helm dependency build failed: ${result.stderr}`);
}

export const profiles = ['minimal-dev', 'production-ha', 'no-network-policy'] as const;
export type Profile = (typeof profiles)[number];

export function renderProfile(profile: Profile): Manifest[] {
  const result = helm(
    'template',
    'crm',
    'charts/crm',
    '--namespace',
    'crm',
    '-f',
    `charts/crm/ci/${profile}-values.yaml`,
  );
  if (result.status !== 0) throw new Error(`helm template (${profile}) failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** Renders the given profiles once, in a beforeAll of the calling spec file; manifestsOf reads them back. */
export function renderProfilesOnce(list: readonly Profile[]): (profile: Profile) => Manifest[] {
  const rendered = new Map<Profile, Manifest[]>();
  beforeAll(() => {
    for (const profile of list) rendered.set(profile, renderProfile(profile));
  }, 120_000);
  return (profile) => {
    const found = rendered.get(profile);
    if (!found) throw new Error(`${profile} was not rendered`);
    return found;
  };
}

/** Kinds that are not part of Kubernetes itself (CRDs): the Kubernetes schemas cannot judge them. */
export const customResourceKinds = new Set(['HTTPRoute']);

/** Strict validation of the manifests against the Kubernetes 1.33 API schemas (PyPI kubernetes-validate). */
export function validateStrictly(manifests: readonly Manifest[]): {
  status: number | null;
  passed: number;
  problems: string[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'crm-k8s-'));
  const files = manifests.map((manifest, i) => {
    const file = join(dir, `${i}-${manifest.kind}-${manifest.metadata.name}.json`);
    writeFileSync(file, JSON.stringify(manifest));
    return file;
  });
  const validator = tool('kubernetes-validate', 'kubernetes-validate/bin/kubernetes-validate');
  const result = run(validator, ['--kubernetes-version', '1.33.0', '--strict', ...files]);
  const lines = (result.stdout + result.stderr).split('\n').filter(Boolean);
  return {
    status: result.status,
    passed: lines.filter((l) => / passed for resource .* against version 1\.33$/.test(l)).length,
    problems: lines.filter((l) => !l.startsWith('INFO ')),
  };
}
