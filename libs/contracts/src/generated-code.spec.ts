import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const committed = join(__dirname, 'gen');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

describe('generated contracts', () => {
  it('match what proto/ generates today (run `make proto` when this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'crm-contracts-'));
    try {
      const template = readFileSync(join(repoRoot, 'proto', 'buf.gen.yaml'), 'utf8')
        .replace('../node_modules/.bin/protoc-gen-ts_proto', join(repoRoot, 'node_modules/.bin/protoc-gen-ts_proto'))
        .replace('../libs/contracts/src/gen', out);
      const templatePath = join(out, 'buf.gen.yaml');
      writeFileSync(templatePath, template);
      execFileSync(join(repoRoot, 'node_modules/.bin/buf'), ['generate', '--template', templatePath], {
        cwd: join(repoRoot, 'proto'),
        stdio: 'pipe',
      });
      const fresh = listFiles(out).filter((f) => f !== templatePath);
      const current = listFiles(committed);
      expect(current.map((f) => relative(committed, f)).sort()).toEqual(fresh.map((f) => relative(out, f)).sort());
      for (const file of fresh) {
        const name = relative(out, file);
        expect({ name, text: readFileSync(join(committed, name), 'utf8') }).toEqual({
          name,
          text: readFileSync(file, 'utf8'),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
