import { parseAllDocuments } from 'yaml';
import { helm, type Manifest } from './helm-tools';
import { ofKind, podTemplates, type Policy } from './rendered-pods';

function helmTemplate(...set: string[]): { status: number | null; stdout: string; stderr: string } {
  const args = ['template', 'crm', 'charts/crm', '--namespace', 'crm', '-f', 'charts/crm/ci/production-ha-values.yaml'];
  return helm(...args, ...set.flatMap((value) => ['--set', value]));
}

function render(...set: string[]): Manifest[] {
  const result = helmTemplate(...set);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}

/** Each workload's first container's environment, by workload name. */
function environments(manifests: readonly Manifest[]): Map<string, EnvEntry[]> {
  return new Map(
    podTemplates(manifests).map(({ owner, pod }) => [
      owner.metadata.name,
      (pod.spec.containers[0].env ?? []) as EnvEntry[],
    ]),
  );
}

function valueOf(env: readonly EnvEntry[], name: string): string | undefined {
  return env.find((entry) => entry.name === name)?.value;
}

const collector = 'http://otel-collector.monitoring:4318';

describe('trace export in the chart', () => {
  it('sends every component and migration Job to the collector, sampled as set, with the pod in the resource', () => {
    const manifests = render(
      `telemetry.otlpEndpoint=${collector}`,
      'telemetry.tracesSamplerArg=0.25',
      'telemetry.environment=production',
      'telemetry.resourceAttributes.team=crm',
    );
    const envs = environments(manifests);
    expect([...envs.keys()]).toEqual(
      expect.arrayContaining(['crm-gateway', 'crm-customer', 'crm-portal', 'crm-customer-migrate']),
    );
    for (const [workload, env] of envs) {
      expect({ workload, endpoint: valueOf(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') }).toEqual({
        workload,
        endpoint: collector,
      });
      expect(valueOf(env, 'OTEL_TRACES_SAMPLER')).toBe('traceidratio');
      expect(valueOf(env, 'OTEL_TRACES_SAMPLER_ARG')).toBe('0.25');
      expect(env.find((e) => e.name === 'K8S_POD_NAME')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
      expect(env.find((e) => e.name === 'K8S_NAMESPACE_NAME')?.valueFrom?.fieldRef?.fieldPath).toBe(
        'metadata.namespace',
      );
      // $(VAR) expansion only sees variables defined earlier in the list.
      const names = env.map((e) => e.name);
      expect(names.indexOf('OTEL_RESOURCE_ATTRIBUTES')).toBeGreaterThan(names.indexOf('K8S_POD_NAME'));
      expect(valueOf(env, 'OTEL_RESOURCE_ATTRIBUTES')).toBe(
        'k8s.namespace.name=$(K8S_NAMESPACE_NAME),k8s.pod.name=$(K8S_POD_NAME),deployment.environment.name=production,team=crm',
      );
    }
  });

  it('lets every pod of the release reach the collector port, and only when traces are exported', () => {
    const egressPorts = (manifests: readonly Manifest[]) =>
      (ofKind(manifests, 'NetworkPolicy') as Policy[]).map((policy) => ({
        policy: policy.metadata.name,
        ports: (policy.spec.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((p) => p.port)),
      }));
    const exporting = render(
      `telemetry.otlpEndpoint=${collector}`,
      'networkPolicy.otelCollector.to[0].namespaceSelector.matchLabels.name=monitoring',
    );
    const withEgress = egressPorts(exporting).filter(({ policy }) => policy !== 'crm-default-deny');
    expect(withEgress.length).toBeGreaterThan(4);
    for (const entry of withEgress)
      expect(entry).toEqual({ policy: entry.policy, ports: expect.arrayContaining([4318]) });
    const rule = (ofKind(exporting, 'NetworkPolicy') as Policy[])
      .find((p) => p.metadata.name === 'crm-migrations')
      ?.spec.egress?.find((r) => r.ports?.some((p) => p.port === 4318));
    expect(rule?.to).toEqual([{ namespaceSelector: { matchLabels: { name: 'monitoring' } } }]);

    for (const entry of egressPorts(render())) expect(entry.ports).not.toContain(4318);
    expect(
      environments(render())
        .get('crm-gateway')
        ?.some((e) => e.name === 'OTEL_EXPORTER_OTLP_ENDPOINT'),
    ).toBe(false);
  });

  it('refuses an unknown sampler, a ratio outside 0 to 1 and a resource attribute that would split the list', () => {
    const ratio = helmTemplate('telemetry.tracesSamplerArg=1.5');
    expect(ratio.status).not.toBe(0);
    expect(ratio.stderr).toMatch(/tracesSamplerArg/);
    const sampler = helmTemplate('telemetry.tracesSampler=sometimes');
    expect(sampler.status).not.toBe(0);
    expect(sampler.stderr).toMatch(/tracesSampler/);
    const attribute = helmTemplate('telemetry.resourceAttributes.team=a\\,b=c');
    expect(attribute.status).not.toBe(0);
    expect(attribute.stderr).toMatch(/resourceAttributes/);
  });
});
