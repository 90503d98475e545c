import { profiles, renderProfilesOnce, type Manifest } from './helm-tools';
import { ofKind, podTemplates, type Policy } from './rendered-pods';

const manifestsOf = renderProfilesOnce(profiles);

interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string } };
}

const byName = (manifests: readonly Manifest[], kind: string, name: string): Manifest | undefined =>
  ofKind(manifests, kind).find((m) => m.metadata.name === name);

/** The API on the portal's own host (portal/server/gateway-paths.ts and the services' HTTP routes). */
const apiRoutes: Record<string, string> = {
  '/graphql': 'crm-gateway',
  '/tickets/[^/]+/attachments': 'crm-gateway',
  '/surveys/': 'crm-service-ticket',
  '/imports/accounts': 'crm-customer',
  '/imports/contacts': 'crm-customer',
  '/exports/': 'crm-customer',
  '/imports/leads': 'crm-sales-pipeline',
};

describe('the portal in the chart', () => {
  it('serves its host over TLS with the API paths routed to their components and the rest to the portal', () => {
    const ingress = byName(manifestsOf('production-ha'), 'Ingress', 'crm-portal');
    const spec = ingress?.spec as {
      tls: { hosts: string[]; secretName: string }[];
      rules: { host: string; http: { paths: IngressPath[] } }[];
    };
    expect(spec.tls).toEqual([{ hosts: ['crm.example.com'], secretName: 'crm-portal-tls' }]);
    const routes = Object.fromEntries(spec.rules[0].http.paths.map((p) => [p.path, p.backend.service.name]));
    expect(routes).toEqual({ ...apiRoutes, '/': 'crm-portal' });
    const attachments = spec.rules[0].http.paths.find((p) => p.path.startsWith('/tickets'));
    expect(attachments?.pathType).toBe('ImplementationSpecific');
    // ingress-nginx matches that pattern only with use-regex; uploads as large as the gateway accepts pass it.
    expect(ingress?.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/use-regex': 'true',
      'nginx.ingress.kubernetes.io/proxy-body-size': '10485760',
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
  });

  it('routes the same paths on its Gateway API HTTPRoute, the attachments one as a pattern', () => {
    const route = byName(manifestsOf('no-network-policy'), 'HTTPRoute', 'crm-portal');
    const rules = (
      route?.spec as {
        rules: { matches: { path: { type: string; value: string } }[]; backendRefs: { name: string }[] }[];
      }
    ).rules.map((r) => [r.matches[0].path.type, r.matches[0].path.value, r.backendRefs[0].name]);
    expect(rules).toEqual([
      ['PathPrefix', '/graphql', 'crm-gateway'],
      ['RegularExpression', '^/tickets/[^/]+/attachments(/.*)?$', 'crm-gateway'],
      ['PathPrefix', '/surveys/', 'crm-service-ticket'],
      ['PathPrefix', '/imports/accounts', 'crm-customer'],
      ['PathPrefix', '/imports/contacts', 'crm-customer'],
      ['PathPrefix', '/exports/', 'crm-customer'],
      ['PathPrefix', '/imports/leads', 'crm-sales-pipeline'],
      ['PathPrefix', '/', 'crm-portal'],
    ]);
  });

  it.each(profiles)('%s: runs from its image with the runtime config, HSTS and the build folder', (profile) => {
    const manifests = manifestsOf(profile);
    const config = byName(manifests, 'ConfigMap', 'crm-portal')?.data as Record<string, string>;
    expect(config).toMatchObject({
      PORT: '8080',
      PORTAL_PUBLIC_DIR: '/app/public',
      PORTAL_KEYCLOAK_REALM: 'crm',
      PORTAL_KEYCLOAK_CLIENT_ID: 'crm-portal',
      PORTAL_KEYCLOAK_URL: expect.stringMatching(/^https?:\/\//),
      PORTAL_COMPANY_CURRENCY: expect.stringMatching(/^[A-Z]{3}$/),
    });
    expect(config.PORTAL_HSTS).toBe(profile === 'minimal-dev' ? 'false' : 'true');
    const deployment = podTemplates(manifests).find(({ owner }) => owner.metadata.name === 'crm-portal');
    expect(deployment?.pod.spec.containers[0].image).toMatch(/\/crm-portal:[\w.-]+$/);
  });

  it('takes traffic only from the ingress controller and calls only DNS, plus the gateway when it proxies to it', () => {
    const policy = (profile: 'minimal-dev' | 'production-ha', name: string) =>
      ofKind(manifestsOf(profile), 'NetworkPolicy').find((p) => p.metadata.name === name) as Policy | undefined;
    const production = policy('production-ha', 'crm-portal');
    expect(production?.spec.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': 'portal' });
    expect(production?.spec.ingress).toEqual([
      {
        ports: [{ port: 'http', protocol: 'TCP' }],
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      },
    ]);
    expect(production?.spec.egress?.flatMap((r) => r.ports?.map((p) => p.port) ?? [])).toEqual([53, 53]);
    // The services its host routes API paths to take the ingress controller's requests on their http port.
    for (const name of ['crm-customer', 'crm-sales-pipeline', 'crm-service-ticket'])
      expect(
        policy('production-ha', name)?.spec.ingress?.some(
          (r) => r.ports?.some((p) => p.port === 'http') && JSON.stringify(r.from).includes('ingress-nginx'),
        ),
      ).toBe(true);

    const proxying = policy('minimal-dev', 'crm-portal');
    const gatewayPeer = {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'crm' } },
    };
    expect(proxying?.spec.egress).toContainEqual({ ports: [{ port: 4000, protocol: 'TCP' }], to: [gatewayPeer] });
    const portalPeer = {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'portal', 'app.kubernetes.io/instance': 'crm' } },
    };
    expect(policy('minimal-dev', 'crm-gateway')?.spec.ingress).toContainEqual({
      ports: [{ port: 'http', protocol: 'TCP' }],
      from: [portalPeer],
    });
    expect(policy('production-ha', 'crm-gateway')?.spec.ingress).not.toContainEqual(
      expect.objectContaining({ from: [portalPeer] }),
    );
  });

  it('sets the services’ new settings: the gateway’s upload limit and ticket HTTP URL, the follow-up cadence', () => {
    const manifests = manifestsOf('production-ha');
    expect(byName(manifests, 'ConfigMap', 'crm-gateway')?.data).toMatchObject({
      GATEWAY_MAX_UPLOAD_BYTES: '10485760',
      TICKET_HTTP_URL: 'http://crm-service-ticket:4003',
    });
    expect(byName(manifests, 'ConfigMap', 'crm-customer')?.data).toMatchObject({
      FOLLOW_UP_CADENCE_DAYS: 'A:7,B:10,C:30',
    });
  });
});
