// `make chart-docs`: every chart's values.schema.json and README values table, from the @param lines of its
// values.yaml. `--check` changes nothing and fails when either is stale (tests/deploy runs it).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { valueDocs, valuesSchema, valuesTable, withValuesTable } from './charts/values-docs';

/** Formatted as `make lint` wants it (prettier with the repository's settings). */
async function formatted(path: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

/** The names of a chart's dependencies (Chart.yaml). */
function dependencies(dir: string): string[] {
  const chart = parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')) as { dependencies?: { name: string }[] };
  return (chart.dependencies ?? []).map((d) => d.name);
}

/** Each chart's generated files as they should read: path → content. */
export async function chartDocs(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const chartsDir = join(root, 'charts');
  for (const chart of readdirSync(chartsDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = join(chartsDir, chart.name);
    const docs = valueDocs(readFileSync(join(dir, 'values.yaml'), 'utf8'));
    const schemaPath = join(dir, 'values.schema.json');
    const schema = valuesSchema(docs, `${chart.name} values`, dependencies(dir));
    files.set(schemaPath, await formatted(schemaPath, JSON.stringify(schema)));
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const readmePath = join(dir, 'README.md');
    files.set(readmePath, await formatted(readmePath, withValuesTable(readme, valuesTable(docs))));
  }
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [path, content] of await chartDocs(repoRoot)) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // not generated yet
    }
    if (current === content) continue;
    stale.push(path);
    if (!check) writeFileSync(path, content);
  }
  if (check && stale.length) {
    process.stderr.write(`chart docs are stale (run make chart-docs): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `chart-docs: ${stale.length ? `${check ? 'stale' : 'wrote'} ${stale.length} files` : 'up to date'}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`chart-docs failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
