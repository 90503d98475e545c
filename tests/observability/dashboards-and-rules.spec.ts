import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@crm/testing';
import { scrapeFixtureAfterTraffic } from './metrics-fixture';
import { alerts, dashboardExpressions, dashboardsDir, recordedNames, ruleExpressions } from './monitoring-files';
import { seriesNames } from './prometheus-text';
import { unknownMetricNames } from './promql-metric-names';

describe('dashboards and alert rules', () => {
  let exported: Set<string>;
  beforeAll(async () => {
    // What the code really exports: a scrape of a running host after traffic, not a hand-kept list.
    exported = seriesNames((await scrapeFixtureAfterTraffic()).scrape);
  }, 90_000);

  it('has a dashboard per service, one for the gateway and a platform overview', () => {
    for (const name of ['customer', 'sales-pipeline', 'service-ticket', 'gateway', 'platform-overview']) {
      expect(existsSync(join(dashboardsDir, `${name}.json`))).toBe(true);
    }
  });

  it('reads in every dashboard query only metrics the services export', () => {
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(50);
    const known = new Set([...exported, ...recordedNames()]);
    expect(unknownMetricNames(expressions, known)).toEqual([]);
  });

  it('reads in every rule only metrics the services export or the rules record', () => {
    const known = new Set([...exported, ...recordedNames()]);
    expect(unknownMetricNames(ruleExpressions(), known)).toEqual([]);
  });

  it('gives every alert a runbook under docs/runbooks that names the alert', () => {
    const defined = alerts();
    expect(defined.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'GatewayErrorBudgetBurnFast',
        'GatewayErrorBudgetBurnSlow',
        'GatewayLatencyP99High',
        'ConsumerLagHigh',
        'DeadLettersGrowing',
        'OutboxOldestEventOld',
      ]),
    );
    const problems = defined.flatMap(({ alert, annotations }) => {
      const url = annotations?.runbook_url ?? '';
      if (!/^docs\/runbooks\/[a-z0-9-]+\.md$/.test(url)) return [`${alert}: runbook_url "${url}"`];
      const file = join(repoRoot, url);
      if (!existsSync(file)) return [`${alert}: ${url} does not exist`];
      return readFileSync(file, 'utf8').includes(alert) ? [] : [`${alert}: ${url} does not name the alert`];
    });
    expect(problems).toEqual([]);
  });
});
