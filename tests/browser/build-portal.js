// Jest global setup of the browser journeys: builds the portal once (Vite, production mode) into .tmp/browser-portal.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const repoRoot = join(__dirname, '..', '..');

module.exports = async function buildPortal() {
  const outDir = join(repoRoot, '.tmp', 'browser-portal');
  const started = Date.now();
  const run = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], {
    cwd: join(repoRoot, 'portal'),
    // NODE_ENV=test (jest's) would make Vite build the development bundle.
    env: { ...process.env, NODE_ENV: 'production', PORTAL_OUT_DIR: outDir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`portal build failed:\n${run.stdout}\n${run.stderr}`);
  process.env.CRM_BROWSER_PORTAL_DIR = outDir;
  process.stdout.write(`\nbrowser: portal built into .tmp/browser-portal in ${Date.now() - started} ms\n`);
};
