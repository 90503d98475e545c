import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithKeycloak, repoRoot } from '@crm/testing';
import { scrapeGatewayAfterTraffic } from './gateway-fixture';
import { scrapeFixtureAfterTraffic } from './metrics-fixture';
import {
  alerts,
  dashboardExpressions,
  dashboardsDir,
  recordedNames,
  ruleExpressions,
  type Expression,
} from './monitoring-files';
import { seriesNames } from './prometheus-text';
import { unknownMetricNames } from './promql-metric-names';

// The gateway's dashboard and rule groups read the gateway's own series: a service's metric of the same name is no proof.
const readsGateway = ({ source }: Expression) => source.startsWith('gateway.json') || source.includes('/ crm-gateway');

describeWithKeycloak('dashboards and alert rules', () => {
  let exported: Set<string>;
  let gatewayExported: Set<string>;
  beforeAll(async () => {
    // What the code really exports: scrapes of a running service host and of the real gateway after traffic, not a
    // hand-kept list (both processes start side by side: about 15 s together).
    const [service, gateway] = await Promise.all([scrapeFixtureAfterTraffic(), scrapeGatewayAfterTraffic()]);
    gatewayExported = new Set([...seriesNames(gateway.scrape), ...recordedNames()]);
    exported = new Set([...seriesNames(service.scrape), ...gatewayExported]);
  }, 90_000);

  it('has a dashboard per service, one for the gateway and a platform overview', () => {
    for (const name of ['customer', 'sales-pipeline', 'service-ticket', 'gateway', 'platform-overview']) {
      expect(existsSync(join(dashboardsDir, `${name}.json`))).toBe(true);
    }
  });

  it('reads in every dashboard query only metrics the services export', () => {
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(50);
    expect(unknownMetricNames(expressions.filter(readsGateway), gatewayExported)).toEqual([]);
    expect(unknownMetricNames(expressions, new Set([...exported, ...recordedNames()]))).toEqual([]);
  });

  it('reads in every rule only metrics the services export or the rules record', () => {
    const expressions = ruleExpressions();
    expect(expressions.filter(readsGateway).length).toBeGreaterThan(5);
    expect(unknownMetricNames(expressions.filter(readsGateway), gatewayExported)).toEqual([]);
    expect(unknownMetricNames(expressions, new Set([...exported, ...recordedNames()]))).toEqual([]);
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
