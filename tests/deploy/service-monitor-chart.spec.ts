import { parseAllDocuments } from 'yaml';
import { helm, type Manifest } from './helm-tools';
import { ofKind } from './rendered-pods';

function render(...set: string[]): Manifest[] {
  const args = ['template', 'crm', 'charts/crm', '--namespace', 'crm', '-f', 'charts/crm/ci/production-ha-values.yaml'];
  const result = helm(...args, ...set.flatMap((value) => ['--set', value]));
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

interface ServiceMonitorSpec {
  selector: { matchLabels: Record<string, string> };
  endpoints: { port: string; path: string; interval: string }[];
}

interface ServiceSpec {
  ports: { name: string }[];
}

describe('ServiceMonitors in the chart', () => {
  it('renders none unless metrics.serviceMonitor.enabled', () => {
    expect(ofKind(render(), 'ServiceMonitor')).toEqual([]);
  });

  it('scrapes the metrics port of every component that serves metrics, through its Service, with the given labels', () => {
    const manifests = render('metrics.serviceMonitor.enabled=true', 'metrics.serviceMonitor.labels.release=kps');
    const monitors = ofKind(manifests, 'ServiceMonitor');
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual([
      'crm-customer',
      'crm-gateway',
      'crm-sales-pipeline',
      'crm-service-ticket',
    ]);
    const services = ofKind(manifests, 'Service');
    for (const monitor of monitors) {
      const spec = monitor.spec as unknown as ServiceMonitorSpec;
      expect(monitor.metadata.labels?.release).toBe('kps');
      expect(spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
      const selected = services.filter((service) =>
        Object.entries(spec.selector.matchLabels).every(([key, value]) => service.metadata.labels?.[key] === value),
      );
      expect(selected.map((s) => s.metadata.name)).toEqual([monitor.metadata.name]);
      expect((selected[0].spec as unknown as ServiceSpec).ports.map((p) => p.name)).toContain('metrics');
    }
  });
});
