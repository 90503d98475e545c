import { parseAllDocuments } from 'yaml';
import { helm, renderProfilesOnce, type Manifest, type Profile } from './helm-tools';
import { ofKind, podTemplates, type Policy } from './rendered-pods';

const manifestsOf = renderProfilesOnce(['minimal-dev', 'production-ha', 'no-network-policy']);

// What service-ticket refuses to start without outside development (src/survey-config.ts), and its attachments.
describe('service-ticket as its code now starts', () => {
  const ticketOf = (profile: Profile) => {
    const manifests = manifestsOf(profile);
    const deployment = podTemplates(manifests).find(({ owner }) => owner.metadata.name === 'crm-service-ticket');
    const config = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'crm-service-ticket')?.data ?? {};
    return { pod: deployment?.pod, container: deployment?.pod.spec.containers[0], config };
  };

  it.each([
    ['minimal-dev', 'http://127.0.0.1:4003', { emptyDir: { sizeLimit: '1Gi' } }],
    [
      'production-ha',
      'https://api.crm.example.com',
      { persistentVolumeClaim: { claimName: 'crm-ticket-attachments' } },
    ],
    ['no-network-policy', 'https://api.crm.example.com', { emptyDir: { sizeLimit: '1Gi' } }],
  ] as const)(
    '%s: the survey link secret from a Secret, the public URL in its config, attachments on their own volume',
    (profile, publicUrl, volume) => {
      const { pod, container, config } = ticketOf(profile);
      expect(container?.env?.find((e) => e.name === 'SURVEY_LINK_SECRET')).toEqual({
        name: 'SURVEY_LINK_SECRET',
        valueFrom: { secretKeyRef: { name: 'crm-ticket-survey', key: 'link-secret' } },
      });
      expect(config.SURVEY_PUBLIC_BASE_URL).toBe(publicUrl);
      const mount = container?.volumeMounts?.find((m) => m.mountPath === config.TICKET_ATTACHMENT_DIR);
      expect(config.TICKET_ATTACHMENT_DIR).toBe('/var/lib/crm/attachments');
      expect(pod?.spec.volumes?.find((v) => v.name === mount?.name)).toEqual({ name: mount?.name, ...volume });
    },
  );

  it('routes /surveys of the gateway’s host to service-ticket’s http port (Ingress and HTTPRoute)', () => {
    type IngressSpec = {
      rules: { host: string; http: { paths: { path: string; pathType: string; backend: unknown }[] } }[];
    };
    const [ingress] = ofKind(manifestsOf('production-ha'), 'Ingress');
    expect((ingress.spec as IngressSpec).rules[0].http.paths).toContainEqual({
      path: '/surveys',
      pathType: 'Prefix',
      backend: { service: { name: 'crm-service-ticket', port: { name: 'http' } } },
    });
    const [route] = ofKind(manifestsOf('no-network-policy'), 'HTTPRoute');
    expect((route.spec as { rules: unknown[] }).rules).toContainEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/surveys' } }],
      backendRefs: [{ name: 'crm-service-ticket', port: 4003 }],
    });
  });

  it('lets the ingress controller reach service-ticket’s http port through its NetworkPolicy', () => {
    const policy = ofKind(manifestsOf('production-ha'), 'NetworkPolicy').find(
      (p) => p.metadata.name === 'crm-service-ticket',
    ) as Policy | undefined;
    expect(policy?.spec.ingress).toContainEqual({
      ports: [{ port: 'http', protocol: 'TCP' }],
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
    });
  });

  it('refuses to render without a public URL for the survey links, naming the value', () => {
    const result = helm('template', 'crm', 'charts/crm', '--set', 'gateway.ingress.enabled=false');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/serviceTicket\.publicBaseUrl: set it, or turn on gateway\.ingress/);
  });

  it('renders a component’s secretEnv into its Deployment only, and refuses an entry without its key', () => {
    const withSecret = [
      '--set',
      'customer.secretEnv[0].name=EXTRA_TOKEN',
      '--set',
      'customer.secretEnv[0].secretName=extra',
    ];
    const refused = helm('template', 'crm', 'charts/crm', '-f', 'charts/crm/ci/minimal-dev-values.yaml', ...withSecret);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/customer\.secretEnv\[0\]: each entry needs name, secretName and key/);

    const result = helm(
      'template',
      'crm',
      'charts/crm',
      '-f',
      'charts/crm/ci/minimal-dev-values.yaml',
      ...withSecret,
      '--set',
      'customer.secretEnv[0].key=token',
    );
    expect(result.status).toBe(0);
    const manifests = parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Manifest);
    const envOf = (name: string) =>
      podTemplates(manifests).find(({ owner }) => owner.metadata.name === name)?.pod.spec.containers[0].env ?? [];
    expect(envOf('crm-customer')).toContainEqual({
      name: 'EXTRA_TOKEN',
      valueFrom: { secretKeyRef: { name: 'extra', key: 'token' } },
    });
    expect(envOf('crm-customer-migrate').map((e) => e.name)).not.toContain('EXTRA_TOKEN');
  });
});
