// Bundles one deployable's TypeScript (and the workspace libraries it imports) into plain CommonJS under dist/<name>/.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { telemetryRegisterEntry, type Deployable } from './deployables';

/** What `dist/<name>/build-manifest.json` records: the Dockerfile test checks the image against it. */
export interface BuildManifest {
  name: string;
  /** Every file of dist/<name>/, sorted: what the image must copy. */
  files: string[];
  /** The process, its migration command and the preload, as file names in dist/<name>/. */
  main: string;
  migrate?: string;
  /** The operations command (`node ops.js dlq list <durable>`, ...); services only. */
  ops?: string;
  preload: string;
  /** Third-party packages the bundles load at run time, pinned to the versions built against (its package.json). */
  dependencies: Record<string, string>;
  /** Environment a deployment sets so the bundle finds its assets in the image (the chart's ConfigMap). */
  runtimeEnv: Record<string, string>;
}

/** Loaded by a package the bundle imports, by name at run time, so no import shows it (typeorm's PostgreSQL driver). */
const loadedAtRunTime: Readonly<Record<string, readonly string[]>> = { typeorm: ['pg'] };

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Workspace packages (@crm/*) are bundled from their .ts sources; every other package stays a require(). */
const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@crm/')) return undefined;
      return { path: args.path, external: true, sideEffects: !builtins.has(args.path) };
    });
  },
};

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function installedVersion(root: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function externalPackages(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (imported.external && !builtins.has(imported.path)) names.add(packageName(imported.path));
    }
  }
  for (const name of [...names]) for (const extra of loadedAtRunTime[name] ?? []) names.add(extra);
  return [...names].sort();
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The production Vite build of a static site into dist/<name>/<outDir>/ (vite.config.ts reads PORTAL_OUT_DIR). */
function buildStaticSite(root: string, outdir: string, site: NonNullable<Deployable['staticSite']>): void {
  const run = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: join(root, site.project),
    env: { ...process.env, NODE_ENV: 'production', PORTAL_OUT_DIR: join(outdir, site.outDir) },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vite build of ${site.project} failed: ${run.stderr || run.stdout}`);
}

/** Builds dist/<name>/ from scratch: bundles, source maps, run-time assets, package.json and build-manifest.json. */
export async function bundleDeployable(root: string, deployable: Deployable): Promise<BuildManifest> {
  const outdir = join(root, 'dist', deployable.name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const entryPoints: Record<string, string> = {
    main: join(root, deployable.entry),
    'telemetry-register': join(root, telemetryRegisterEntry),
  };
  if (deployable.migrate) entryPoints.migrate = join(root, deployable.migrate);
  if (deployable.ops) entryPoints.ops = join(root, deployable.ops);
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    sourcemap: 'linked',
    // TypeORM names migrations and entities after their classes: bundling must not rename them.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [thirdPartyExternal],
  });

  if (deployable.assetDir) {
    for (const file of readdirSync(join(root, deployable.assetDir))) {
      if (file.endsWith(deployable.assetSuffix ?? ''))
        copyFileSync(join(root, deployable.assetDir, file), join(outdir, file));
    }
  }
  for (const asset of deployable.assets) {
    mkdirSync(dirname(join(outdir, asset.to)), { recursive: true });
    copyFileSync(join(root, asset.from), join(outdir, asset.to));
  }
  if (deployable.staticSite) buildStaticSite(root, outdir, deployable.staticSite);

  const dependencies = Object.fromEntries(
    externalPackages(result.metafile).map((name) => [name, installedVersion(root, name)]),
  );
  writeFileSync(
    join(outdir, 'package.json'),
    `${JSON.stringify({ name: `crm-${deployable.name}`, private: true, type: 'commonjs', dependencies }, null, 2)}\n`,
  );
  const manifest: BuildManifest = {
    name: deployable.name,
    files: [...listFiles(outdir), 'build-manifest.json'].sort(),
    main: 'main.js',
    ...(deployable.migrate ? { migrate: 'migrate.js' } : {}),
    ...(deployable.ops ? { ops: 'ops.js' } : {}),
    preload: 'telemetry-register.js',
    dependencies,
    runtimeEnv: { ...deployable.runtimeEnv },
  };
  writeFileSync(join(outdir, 'build-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
