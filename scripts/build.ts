// `make build`: every deployable (or those named as arguments) as plain JavaScript in dist/<name>/, started with node.
import { repoRoot } from '@crm/testing';
import { bundleDeployable } from './build/bundle-deployable';
import { deployable, deployables } from './build/deployables';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const chosen = names.length ? names.map(deployable) : deployables;
  for (const target of chosen) {
    const manifest = await bundleDeployable(repoRoot, target);
    const deps = Object.keys(manifest.dependencies).length;
    process.stdout.write(`build: dist/${manifest.name}: ${manifest.files.length} files, ${deps} runtime packages\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
