import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '@crm/testing';
import { deployables } from '../../scripts/build/deployables';
import { buildDist, readManifest } from './dist-process';
import { copies, execForm, last, parseDockerfile, type Stage } from './dockerfile';

const dockerfile = readFileSync(join(repoRoot, 'docker/Dockerfile'), 'utf8');

/** The Dockerfile's stages as `docker build --build-arg DEPLOYABLE=<name>` sees them. */
const stagesFor = (name: string): Stage[] => parseDockerfile(dockerfile.replaceAll('${DEPLOYABLE}', name));

describe('docker/Dockerfile, built for each deployable, runs the bundle the build produces', () => {
  beforeAll(() => buildDist(), 120_000);

  it('declares the DEPLOYABLE argument in every stage that uses it, and refuses a build without it', () => {
    for (const stage of parseDockerfile(dockerfile)) {
      const uses = stage.instructions.some((i) => i.args.includes('${DEPLOYABLE}'));
      if (uses)
        expect({ stage: stage.name, args: stage.instructions[0] }).toEqual({
          stage: stage.name,
          args: { keyword: 'ARG', args: 'DEPLOYABLE' },
        });
    }
    expect(dockerfile).toMatch(/test -n "\$\{DEPLOYABLE\}" \|\|/);
  });

  it('builds the portal too: its server bundle and every file of its Vite build, hashed assets included', () => {
    const manifest = readManifest('portal');
    const built = readdirSync(join(repoRoot, 'dist/portal/public'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(join(repoRoot, 'dist/portal'), join(entry.parentPath, entry.name)));
    expect(built).toEqual(expect.arrayContaining(['public/index.html']));
    expect(built.some((f) => /^public\/assets\/index-[\w-]{8,}\.js$/.test(f))).toBe(true);
    expect(manifest.files).toEqual(expect.arrayContaining(built));
    expect(manifest.runtimeEnv).toEqual({ PORTAL_PUBLIC_DIR: '/app/public' });
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['express', 'helmet']));
  });

  describe.each(deployables.map((d) => [d.name] as const))('%s', (name) => {
    const runtime = (): Stage => stagesFor(name)[stagesFor(name).length - 1];

    it('builds exactly this deployable in its build stage, with make build’s script', () => {
      const build = stagesFor(name).find((s) => s.name === 'build');
      const runs = build?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];
      expect(runs.some((r) => r.endsWith(`node --import tsx scripts/build.ts ${name}`))).toBe(true);
    });

    it('starts node under tini on the entry and preload the build wrote', () => {
      const manifest = readManifest(name);
      const entrypoint = execForm(last(runtime(), 'ENTRYPOINT'));
      expect(entrypoint.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
      expect(entrypoint).toContain(`./${manifest.preload}`);
      expect(entrypoint.join(' ')).not.toMatch(/tsx|\.ts\b/);
      expect(execForm(last(runtime(), 'CMD'))).toEqual([manifest.main]);
      expect(manifest.files).toEqual(expect.arrayContaining([manifest.main, manifest.preload]));
      if (manifest.migrate) expect(manifest.files).toContain(manifest.migrate);
      if (manifest.ops) expect(manifest.files).toContain(manifest.ops);
    });

    it('copies the whole build output into the workdir, so every file the bundle reads at run time is there', () => {
      const manifest = readManifest(name);
      expect(copies(runtime()).filter((c) => c.from === 'build')).toEqual([
        { from: 'build', sources: [`/src/dist/${name}/`], dest: './' },
      ]);
      expect(last(runtime(), 'WORKDIR')?.args).toBe('/app');
      // What it reads at run time (SDL, supergraph, the portal's static files) is among what the build wrote there.
      const readAtRunTime = name === 'portal' ? /^public\/index\.html$/ : /\.graphql$/;
      expect(manifest.files.filter((f) => readAtRunTime.test(f)).length).toBeGreaterThan(0);
      for (const path of Object.values(manifest.runtimeEnv)) {
        const inImage = path.replace(/^\/app\//, '');
        expect(manifest.files.filter((f) => f === inImage || f.startsWith(`${inImage}/`)).length).toBeGreaterThan(0);
      }
    });

    it('installs the production dependencies the bundle requires, from the package.json the build pinned', () => {
      const deps = stagesFor(name).find((s) => s.name === 'deps');
      expect(deps && copies(deps)).toEqual([
        { from: 'build', sources: [`/src/dist/${name}/package.json`], dest: './' },
      ]);
      expect(deps?.instructions.find((i) => i.keyword === 'RUN')?.args).toMatch(/^npm install --omit=dev /);
      expect(copies(runtime())).toContainEqual({
        from: 'deps',
        sources: ['/app/node_modules'],
        dest: './node_modules',
      });
      expect(JSON.parse(readFileSync(join(repoRoot, 'dist', name, 'package.json'), 'utf8'))).toMatchObject({
        dependencies: readManifest(name).dependencies,
      });
    });

    it('runs as a numeric non-root user on a pinned Node 24 base', () => {
      expect(last(runtime(), 'USER')?.args).toMatch(/^[1-9]\d{3,}:[1-9]\d{3,}$/);
      expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-\S*slim$/m);
      expect(stagesFor(name).every((s) => s.base === '${NODE_IMAGE}')).toBe(true);
    });
  });
});
