import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackServices } from '@crm/testing';

/** A file the bundle reads at run time, copied next to it: `from` is relative to the repository root. */
export interface RuntimeAsset {
  from: string;
  /** Its path in dist/<deployable>/ (folders are made). */
  to: string;
}

/** One deployable as the build turns it into plain JavaScript under dist/<name>/. */
export interface Deployable {
  name: string;
  /** The process (bundled to main.js). */
  entry: string;
  /** Its migration command (bundled to migrate.js), the Helm hook Job's command; the gateway has none. */
  migrate?: string;
  /** Its operations command (bundled to ops.js: dead-letter replay, projection re-sync; docs/runbooks/). */
  ops?: string;
  /** A directory whose files ending in `assetSuffix` are copied flat next to the bundle. */
  assetDir?: string;
  assetSuffix?: string;
  /** Single files copied next to the bundle. */
  assets: readonly RuntimeAsset[];
  /** Environment a deployment sets so the bundle finds its assets in the image (workdir /app); the chart sets it. */
  runtimeEnv: Readonly<Record<string, string>>;
  /** A Vite project (its folder) whose production build the process serves, written to dist/<name>/<outDir>/. */
  staticSite?: { project: string; outDir: string };
}

/** The telemetry preload every deployable's process starts with (`node --import ./telemetry-register.js main.js`). */
export const telemetryRegisterEntry = 'libs/platform/src/telemetry/register.ts';

/**
 * Every deployable: the services of libs/testing/src/stack-services.ts (their SDL files are read from the bundle's own
 * folder by subgraphTypeDefs(__dirname)), the gateway (its supergraph, found through SUPERGRAPH_PATH) and the portal
 * (its server, and the Vite build it serves from PORTAL_PUBLIC_DIR).
 */
const sharedSdlSource = 'libs/platform/src/graphql/shared-sdl';
const sharedSdlFiles = readdirSync(join(__dirname, '..', '..', sharedSdlSource)).filter((f) => f.endsWith('.graphql'));

export const deployables: readonly Deployable[] = [
  ...stackServices.map((service): Deployable => ({
    name: service.name,
    entry: service.entry,
    migrate: service.migrate,
    ops: `services/${service.name}/src/ops.ts`,
    assetDir: `services/${service.name}/src/graphql`,
    assetSuffix: '.graphql',
    // The platform's shared SDL, where subgraphTypeDefs looks for it beside the bundle (sharedSdlDir).
    assets: sharedSdlFiles.map((file) => ({ from: `${sharedSdlSource}/${file}`, to: `shared-sdl/${file}` })),
    runtimeEnv: {},
  })),
  {
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    assets: [{ from: 'gateway/supergraph.graphql', to: 'supergraph.graphql' }],
    runtimeEnv: { SUPERGRAPH_PATH: '/app/supergraph.graphql' },
  },
  {
    name: 'portal',
    entry: 'portal/server/main.ts',
    assets: [],
    runtimeEnv: { PORTAL_PUBLIC_DIR: '/app/public' },
    staticSite: { project: 'portal', outDir: 'public' },
  },
];

export function deployable(name: string): Deployable {
  const found = deployables.find((d) => d.name === name);
  if (!found) throw new Error(`no deployable named ${name} (scripts/build/deployables.ts)`);
  return found;
}
