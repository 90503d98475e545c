import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { parse, stringify } from 'yaml';
import { alerts, ruleGroups, rulesDir } from './monitoring-files';

const unitTests = join(rulesDir, 'rules.test.yaml');

/** promtool from `make setup` (go install into .tools), else from PATH. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const local = join(repoRoot, '.tools/bin/promtool');
  const command = existsSync(local) ? local : 'promtool';
  const result = spawnSync(command, args, { cwd: workDir, encoding: 'utf8' });
  if (result.error) throw new Error(`promtool could not run (run make setup): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// promtool reads plain rule files: the PrometheusRule's spec.groups, as rules.yaml beside a copy of the unit tests.
const workDir = mkdtempSync(join(tmpdir(), 'crm-promtool-'));
beforeAll(() => {
  const [{ groups }, ...others] = ruleGroups();
  expect(others).toEqual([]);
  writeFileSync(join(workDir, 'rules.yaml'), stringify({ groups }));
  copyFileSync(unitTests, join(workDir, 'rules.test.yaml'));
});

describe('the Prometheus rules, checked and unit-tested by promtool', () => {
  it('pass promtool check rules (syntax, templates, duplicate names)', () => {
    const { status, output } = promtool('check', 'rules', 'rules.yaml');
    expect({ status, output }).toMatchObject({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('fire and stay quiet as their unit tests say, with the annotations a pager shows', () => {
    const { status, output } = promtool('test', 'rules', 'rules.test.yaml');
    expect({ status, output }).toMatchObject({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('have a unit test that fires each alert', () => {
    const suite = parse(readFileSync(unitTests, 'utf8')) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
    };
    const fired = new Set(
      suite.tests.flatMap((t) => (t.alert_rule_test ?? []).filter((a) => a.exp_alerts.length).map((a) => a.alertname)),
    );
    expect(
      alerts()
        .map((a) => a.alert)
        .filter((name) => !fired.has(name)),
    ).toEqual([]);
  });
});
