import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { parse } from 'yaml';

export const dashboardsDir = join(repoRoot, 'infra/grafana/dashboards');
export const rulesDir = join(repoRoot, 'infra/prometheus');

/** A PromQL expression and where it was found (file and panel or rule), for failure messages. */
export interface Expression {
  source: string;
  expr: string;
}

export interface Alert {
  alert: string;
  expr: string;
  annotations?: Record<string, string>;
}

interface RuleGroup {
  name: string;
  rules: ({ record: string; expr: string } | Alert)[];
}

function filesIn(dir: string, suffixes: string[]): string[] {
  return readdirSync(dir)
    .filter((name) => suffixes.some((suffix) => name.endsWith(suffix)))
    .sort();
}

/** Every `expr` of every panel and target, and every templating query, of each dashboard JSON. */
export function dashboardExpressions(): Expression[] {
  const found: Expression[] = [];
  const walk = (node: unknown, source: string): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, source));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const here = typeof record.title === 'string' ? `${source} / ${record.title}` : source;
    if (typeof record.expr === 'string') found.push({ source: here, expr: record.expr });
    for (const value of Object.values(record)) walk(value, here);
  };
  for (const file of filesIn(dashboardsDir, ['.json'])) {
    const dashboard = JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as {
      templating?: { list?: { name: string; type: string; query?: string | { query?: string } }[] };
    };
    walk(dashboard, file);
    for (const variable of dashboard.templating?.list ?? []) {
      if (variable.type !== 'query') continue;
      const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
      if (query) found.push({ source: `${file} / variable ${variable.name}`, expr: query });
    }
  }
  return found;
}

/** The rule files under infra/prometheus: every YAML file but promtool's unit tests (`*.test.yaml`). */
export function ruleFiles(): string[] {
  return filesIn(rulesDir, ['.yaml', '.yml']).filter((name) => !/\.test\.ya?ml$/.test(name));
}

/** The rule groups of every PrometheusRule (or plain rule file) under infra/prometheus. */
export function ruleGroups(): { file: string; groups: RuleGroup[] }[] {
  return ruleFiles().map((file) => {
    const document = parse(readFileSync(join(rulesDir, file), 'utf8')) as {
      spec?: { groups: RuleGroup[] };
      groups?: RuleGroup[];
    };
    return { file, groups: document.spec?.groups ?? document.groups ?? [] };
  });
}

export function alerts(): Alert[] {
  return ruleGroups().flatMap(({ groups }) =>
    groups.flatMap((group) => group.rules.filter((rule): rule is Alert => 'alert' in rule)),
  );
}

export function recordedNames(): string[] {
  return ruleGroups().flatMap(({ groups }) =>
    groups.flatMap((group) => group.rules.flatMap((rule) => ('record' in rule ? [rule.record] : []))),
  );
}

export function ruleExpressions(): Expression[] {
  return ruleGroups().flatMap(({ file, groups }) =>
    groups.flatMap((group) =>
      group.rules.map((rule) => ({
        source: `${file} / ${group.name} / ${'alert' in rule ? rule.alert : rule.record}`,
        expr: rule.expr,
      })),
    ),
  );
}
