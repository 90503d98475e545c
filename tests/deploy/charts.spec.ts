import { spawnSync } from 'node:child_process';
import { repoRoot, stackServices } from '@crm/testing';
import { deployables } from '../../scripts/build/deployables';
import { customResourceKinds, helm, profiles, renderProfilesOnce, validateStrictly } from './helm-tools';
import { ofKind, podTemplates, selects, type Container, type Policy } from './rendered-pods';

const manifestsOf = renderProfilesOnce(profiles);

describe('helm lint --strict', () => {
  it('passes for the library chart', () => {
    const result = helm('lint', '--strict', 'charts/crm-lib');
    expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({ status: 0 });
  });

  it.each(profiles)('passes for the umbrella chart with the %s profile', (profile) => {
    const result = helm('lint', '--strict', 'charts/crm', '-f', `charts/crm/ci/${profile}-values.yaml`);
    expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({ status: 0 });
  });

  it('fails on a value outside its documented choices, naming it', () => {
    const result = helm('lint', '--strict', 'charts/crm', '--set', 'postgresql.sslMode=requre');
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/sslMode/);
  });

  it('fails on a misspelt value, naming it (values.schema.json closes every object)', () => {
    const result = helm('lint', '--strict', 'charts/crm', '--set', 'customer.replicaCout=3');
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/replicaCout/);
  });
});

describe('chart docs', () => {
  it('values.schema.json and the README values tables are generated from the current values.yaml (make chart-docs)', () => {
    // A child process: prettier (which formats them) loads modules the way jest's sandbox does not allow.
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/chart-docs.ts', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe.each(profiles)('the %s profile, rendered', (profile) => {
  it('is valid, strictly, against the Kubernetes 1.33 API schemas', () => {
    const core = manifestsOf(profile).filter((m) => !customResourceKinds.has(m.kind));
    const result = validateStrictly(core);
    expect({ status: result.status, problems: result.problems }).toEqual({ status: 0, problems: [] });
    expect(result.passed).toBe(core.length);
    expect(core.length).toBeGreaterThan(20);
  });

  it('runs every container non-root, read-only, without capabilities, with seccomp and resources', () => {
    for (const { owner, pod } of podTemplates(manifestsOf(profile))) {
      const containers: Container[] = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
      for (const c of containers) {
        const where = `${owner.kind} ${owner.metadata.name}/${c.name}`;
        expect({ where, nonRoot: c.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot }).toEqual({
          where,
          nonRoot: true,
        });
        expect({ where, ...c.securityContext }).toMatchObject({
          where,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect({ where, resources: c.resources }).toMatchObject({
          where,
          resources: {
            requests: { cpu: expect.any(String), memory: expect.any(String) },
            limits: { memory: expect.any(String) },
          },
        });
      }
      expect({ owner: owner.metadata.name, automount: pod.spec.automountServiceAccountToken }).toEqual({
        owner: owner.metadata.name,
        automount: false,
      });
    }
  });

  it('pins every image to a version: no latest, no missing tag', () => {
    const images = podTemplates(manifestsOf(profile)).flatMap(({ pod }) => pod.spec.containers.map((c) => c.image));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/:(?!latest$)[\w][\w.-]*$/);
  });

  it('gives every Deployment a PDB, the three probes, a preStop pause and a grace period longer than its drain', () => {
    const manifests = manifestsOf(profile);
    const configMaps = ofKind(manifests, 'ConfigMap');
    for (const { owner, pod } of podTemplates(manifests).filter(({ owner }) => owner.kind === 'Deployment')) {
      const pdb = ofKind(manifests, 'PodDisruptionBudget').find((p) =>
        selects(
          (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          pod.metadata.labels,
        ),
      );
      expect({ deployment: owner.metadata.name, pdb: pdb?.metadata.name }).toEqual({
        deployment: owner.metadata.name,
        pdb: owner.metadata.name,
      });
      const [container] = pod.spec.containers;
      expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz' } });
      expect(container.startupProbe).toBeDefined();
      const grpcPort = container.ports?.find((p) => p.name === 'grpc');
      // The portal depends on nothing at run time: its readiness is its liveness.
      const readyPath = owner.metadata.name === 'crm-portal' ? '/healthz' : '/readyz';
      if (grpcPort) expect(container.readinessProbe).toMatchObject({ grpc: { port: grpcPort.containerPort } });
      else expect(container.readinessProbe).toMatchObject({ httpGet: { path: readyPath } });

      const config = configMaps.find((c) => c.metadata.name === owner.metadata.name)?.data ?? {};
      const drainMs = Number(
        config.SHUTDOWN_TIMEOUT_MS ?? config.GATEWAY_DRAIN_TIMEOUT_MS ?? config.PORTAL_DRAIN_TIMEOUT_MS,
      );
      const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(preStop).toBeGreaterThan(0);
      expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + drainMs / 1000);
    }
  });

  it('runs each service’s migrations in a pre-install/pre-upgrade hook Job with a backoff limit, never in its pods', () => {
    const jobs = ofKind(manifestsOf(profile), 'Job');
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(stackServices.map((s) => `crm-${s.name}-migrate`).sort());
    for (const job of jobs) {
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect((job.spec as { backoffLimit: number }).backoffLimit).toBeGreaterThanOrEqual(0);
    }
    for (const { owner, pod } of podTemplates(manifestsOf(profile))) {
      expect({ owner: owner.metadata.name, args: pod.spec.containers[0].args }).toEqual({
        owner: owner.metadata.name,
        args: [owner.kind === 'Job' ? 'migrate.js' : 'main.js'],
      });
    }
  });

  it('reads each service’s variables by the names its code reads them (stack-services.ts)', () => {
    const manifests = manifestsOf(profile);
    for (const service of stackServices) {
      const config = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === `crm-${service.name}`)?.data ?? {};
      const deployment = podTemplates(manifests).find(({ owner }) => owner.metadata.name === `crm-${service.name}`);
      const env = deployment?.pod.spec.containers[0].env?.map((e) => e.name) ?? [];
      expect(env).toContain(service.env.database);
      expect(Object.keys(config)).toEqual(expect.arrayContaining([service.env.httpPort, service.env.grpcPort]));
      for (const variable of Object.keys(service.grpcAddressOf ?? {})) expect(Object.keys(config)).toContain(variable);
    }
    // What the bundle needs set to find its files in the image (the gateway's supergraph).
    for (const deployable of deployables) {
      const config = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === `crm-${deployable.name}`)?.data;
      expect(config).toMatchObject(deployable.runtimeEnv);
    }
    const gatewayConfig = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'crm-gateway')?.data ?? {};
    for (const service of stackServices.filter((s) => s.subgraphUrlEnv)) {
      expect(gatewayConfig[service.subgraphUrlEnv ?? '']).toMatch(
        new RegExp(`^http://crm-${service.name}:\\d+/graphql$`),
      );
    }
  });

  it('trusts the PostgreSQL server’s CA in every process that connects to it, when one is named', () => {
    for (const { owner, pod } of podTemplates(manifestsOf(profile))) {
      const container = pod.spec.containers[0];
      const connects = container.env?.some((e) => e.name.endsWith('_DATABASE_URL'));
      const ca = container.env?.find((e) => e.name === 'NODE_EXTRA_CA_CERTS')?.value;
      if (profile !== 'production-ha' || !connects) {
        expect({ owner: owner.metadata.name, ca }).toEqual({ owner: owner.metadata.name, ca: undefined });
        continue;
      }
      const mount = container.volumeMounts?.find((m) => ca?.startsWith(`${m.mountPath}/`));
      const volume = pod.spec.volumes?.find((v) => v.name === mount?.name);
      expect({ owner: owner.metadata.name, secret: volume?.secret?.secretName }).toEqual({
        owner: owner.metadata.name,
        secret: 'crm-postgres-ca',
      });
    }
  });

  it('names the http and grpc ports of every Service', () => {
    for (const service of ofKind(manifestsOf(profile), 'Service')) {
      const names = (service.spec as { ports: { name: string }[] }).ports.map((p) => p.name);
      const web = service.metadata.name === 'crm-portal';
      expect(names).toContain('http');
      // The portal serves static files: no metrics endpoint of its own.
      expect(names.includes('metrics')).toBe(!web);
      if (!web && service.metadata.name !== 'crm-gateway') expect(names).toContain('grpc');
    }
    for (const account of ofKind(manifestsOf(profile), 'ServiceAccount')) {
      expect(account.automountServiceAccountToken).toBe(false);
    }
  });
});

describe.each(['minimal-dev', 'production-ha'] as const)('network policies of the %s profile', (profile) => {
  const policies = () => ofKind(manifestsOf(profile), 'NetworkPolicy') as Policy[];

  it('deny by default and select every pod with an allow list of its own', () => {
    const deny = policies().find((p) => p.metadata.name === 'crm-default-deny');
    expect(deny?.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'crm' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    for (const { owner, pod } of podTemplates(manifestsOf(profile))) {
      const own = policies().filter(
        (p) => p !== deny && selects(p.spec.podSelector.matchLabels, pod.metadata.labels) && p.spec.egress?.length,
      );
      expect({ pod: owner.metadata.name, selected: own.length > 0 }).toEqual({
        pod: owner.metadata.name,
        selected: true,
      });
      expect(selects(deny?.spec.podSelector.matchLabels, pod.metadata.labels)).toBe(true);
    }
  });

  it('lets the gateway call the subgraphs, and services call the gRPC of the services they depend on', () => {
    const byName = (name: string) => policies().find((p) => p.metadata.name === `crm-${name}`);
    const egressTo = (from: string, to: string) =>
      byName(from)?.spec.egress?.some((rule) =>
        rule.to?.some((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/name'] === to),
      );
    for (const service of stackServices) {
      expect({ gatewayTo: service.name, allowed: egressTo('gateway', service.name) }).toEqual({
        gatewayTo: service.name,
        allowed: true,
      });
      for (const other of Object.values(service.grpcAddressOf ?? {})) {
        expect({ from: service.name, to: other, allowed: egressTo(service.name, other) }).toEqual({
          from: service.name,
          to: other,
          allowed: true,
        });
        const ingress = byName(other)?.spec.ingress?.find((rule) => rule.ports?.some((p) => p.port === 'grpc'));
        expect(ingress?.from?.map((peer) => peer.podSelector?.matchLabels['app.kubernetes.io/name'])).toContain(
          service.name,
        );
      }
    }
  });

  it('lets only the named scrapers reach the metrics port, which is where METRICS_PORT serves', () => {
    const manifests = manifestsOf(profile);
    const deployments = podTemplates(manifests).filter(({ owner }) => owner.kind === 'Deployment');
    for (const { owner, pod } of deployments.filter(({ owner }) => owner.metadata.name !== 'crm-portal')) {
      const port = pod.spec.containers[0].ports?.find((p) => p.name === 'metrics')?.containerPort;
      const config = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === owner.metadata.name)?.data;
      expect(config?.METRICS_PORT).toBe(String(port));
      const rule = policies()
        .find((p) => p.metadata.name === owner.metadata.name)
        ?.spec.ingress?.find((r) => r.ports?.some((p) => p.port === 'metrics'));
      if (profile === 'production-ha')
        expect(rule?.from).toEqual([
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
        ]);
      else expect(rule).toBeUndefined();
    }
  });

  it('allows DNS, PostgreSQL, NATS and Keycloak out of every service', () => {
    for (const service of stackServices) {
      const ports = policies()
        .find((p) => p.metadata.name === `crm-${service.name}`)
        ?.spec.egress?.flatMap((rule) => rule.ports?.map((p) => p.port) ?? []);
      expect(ports).toEqual(expect.arrayContaining([53, 5432, 4222]));
      expect(ports?.some((p) => [8080, 8443, 443].includes(Number(p)))).toBe(true);
    }
  });
});

describe('the no-network-policy profile', () => {
  it('renders no NetworkPolicy and routes the gateway and the portal through Gateway API HTTPRoutes', () => {
    expect(ofKind(manifestsOf('no-network-policy'), 'NetworkPolicy')).toEqual([]);
    expect(ofKind(manifestsOf('no-network-policy'), 'HTTPRoute')).toMatchObject([
      { spec: { parentRefs: [{ name: 'public', sectionName: 'https' }], hostnames: ['api.crm.example.com'] } },
      { spec: { parentRefs: [{ name: 'public', sectionName: 'https' }], hostnames: ['crm.example.com'] } },
    ]);
  });
});
