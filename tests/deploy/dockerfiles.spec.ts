import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { deployables } from '../../scripts/build/deployables';
import { buildDist, readManifest } from './dist-process';
import { copies, execForm, last, parseDockerfile, type Stage } from './dockerfile';

/** services/customer/src/main.ts → services/customer: the Dockerfile sits at the deployable's root. */
const dockerfileOf = (entry: string) => join(dirname(dirname(entry)), 'Dockerfile');

describe('each deployable’s Dockerfile runs the bundle the build produces', () => {
  beforeAll(() => buildDist(), 120_000);

  describe.each(deployables.map((d) => [d.name, d] as const))('%s', (name, deployable) => {
    const stages = () => parseDockerfile(readFileSync(join(repoRoot, dockerfileOf(deployable.entry)), 'utf8'));
    const runtime = (): Stage => stages()[stages().length - 1];
    const workdir = () => last(runtime(), 'WORKDIR')?.args;

    it('builds exactly this deployable in its build stage, with make build’s script', () => {
      const build = stages().find((s) => s.name === 'build');
      const runs = build?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];
      expect(runs.some((r) => r.includes(`scripts/build.ts ${name}`))).toBe(true);
    });

    it('starts node under tini on the entry and preload the build wrote', () => {
      const manifest = readManifest(name);
      const entrypoint = execForm(last(runtime(), 'ENTRYPOINT'));
      const cmd = execForm(last(runtime(), 'CMD'));
      expect(entrypoint.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
      expect(entrypoint).toContain(`./${manifest.preload}`);
      expect(entrypoint).not.toContain('tsx');
      expect(cmd).toEqual([manifest.main]);
      expect(manifest.files).toEqual(expect.arrayContaining([manifest.main, manifest.preload]));
    });

    it('copies the whole build output into the workdir, so every file the bundle reads at run time is there', () => {
      const manifest = readManifest(name);
      const fromBuild = copies(runtime()).filter((c) => c.from === 'build');
      expect(fromBuild).toEqual([{ from: 'build', sources: [`/src/dist/${name}/`], dest: './' }]);
      expect(workdir()).toBe('/app');
      // The run-time assets (SDL, supergraph) are among what the build wrote into that folder.
      const assets = manifest.files.filter((f) => f.endsWith('.graphql'));
      expect(assets.length).toBeGreaterThan(0);
      for (const [variable, value] of Object.entries(manifest.imageEnv)) {
        expect(last(runtime(), 'ENV')?.args).toContain(`${variable}=${value}`);
        expect(manifest.files).toContain(value.replace(`${workdir()}/`, ''));
      }
    });

    it('installs the production dependencies the bundle requires, from the package.json the build pinned', () => {
      const deps = stages().find((s) => s.name === 'deps');
      expect(deps && copies(deps)).toEqual([
        { from: 'build', sources: [`/src/dist/${name}/package.json`], dest: './' },
      ]);
      expect(deps?.instructions.find((i) => i.keyword === 'RUN')?.args).toMatch(/npm install --omit=dev/);
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
      const text = readFileSync(join(repoRoot, dockerfileOf(deployable.entry)), 'utf8');
      expect(text).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-\S*slim$/m);
      expect(stages().every((s) => s.base === '${NODE_IMAGE}')).toBe(true);
    });

    if (deployable.migrate) {
      it('carries the migration command the Helm hook Job runs', () => {
        expect(readManifest(name).migrate).toBe('migrate.js');
        expect(readManifest(name).files).toContain('migrate.js');
      });
    }
  });
});
