import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';

// Every regular expression our code runs (issue 7 §2): none may backtrack super-linearly, since most of them see user
// input. User-defined patterns do not run on RegExp at all (services/customer/src/domain/user-pattern.ts, RE2).

const repoRoot = join(__dirname, '..', '..', '..');
const testFile = /\.(spec|int-spec|e2e-spec|d)\.ts$/;

/** The non-test TypeScript sources of services/*, libs/* and gateway/, found by walking their src folders. */
function sourceFiles(): string[] {
  const roots = ['services', 'libs'].flatMap((group) =>
    readdirSync(join(repoRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(repoRoot, group, entry.name, 'src')),
  );
  roots.push(join(repoRoot, 'gateway', 'src'));
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a package without src
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !testFile.test(entry.name)) files.push(path);
    }
  };
  roots.forEach(walk);
  return files;
}

interface FoundRegExp {
  where: string;
  /** null: built from something other than a literal, so it cannot be checked. */
  source: string | null;
  flags: string;
}

/** Regex literals and `new RegExp(...)` / `RegExp(...)` calls in one file's text. */
export function regularExpressionsIn(fileName: string, text: string): FoundRegExp[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: FoundRegExp[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const literalText = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const slash = node.text.lastIndexOf('/');
      found.push({ where: where(node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [source, flags] = node.arguments ?? [];
      found.push({ where: where(node), source: literalText(source), flags: literalText(flags) ?? '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** recheck's verdict on each regular expression that is not 'safe', as readable lines. */
function unsafe(found: FoundRegExp[]): string[] {
  return found.flatMap(({ where, source, flags }) => {
    if (source === null) return [`${where}: built from a non-literal, so it cannot be checked; use a literal`];
    let verdict = checkSync(source, flags);
    // A slow, shared CI machine must not turn "safe" into a failure: the verdict matters, not how long it took.
    if (verdict.status === 'unknown' && verdict.error.kind === 'timeout') {
      verdict = checkSync(source, flags, { timeout: null });
    }
    if (verdict.status === 'safe') return [];
    const detail =
      verdict.status === 'vulnerable'
        ? `${verdict.complexity.type}, attack ${verdict.attack.pattern}`
        : `unknown: ${verdict.error.kind}`;
    return [`${where}: /${source}/${flags} is ${verdict.status} (${detail})`];
  });
}

describe('regular expressions in the sources', () => {
  it('finds literals and RegExp calls, and flags a backtracking one and a non-literal one', () => {
    const found = regularExpressionsIn(
      'sample.ts',
      'const a = /^(a+)+$/u;\nconst b = new RegExp("^ok$", "i");\nconst c = RegExp(input);\nconst d = /x/;',
    );
    expect(found.map((f) => [f.source, f.flags])).toEqual([
      ['^(a+)+$', 'u'],
      ['^ok$', 'i'],
      [null, ''],
      ['x', ''],
    ]);
    expect(unsafe(found)).toEqual([
      expect.stringMatching(/^sample\.ts:1: \/\^\(a\+\)\+\$\/u is vulnerable \(exponential/),
      'sample.ts:3: built from a non-literal, so it cannot be checked; use a literal',
    ]);
  });

  it('every one in services, libs and gateway is safe from super-linear backtracking (recheck)', () => {
    const found = sourceFiles().flatMap((path) =>
      regularExpressionsIn(relative(repoRoot, path), readFileSync(path, 'utf8')),
    );
    expect(found.length).toBeGreaterThan(50);
    expect(unsafe(found)).toEqual([]);
  });
});
