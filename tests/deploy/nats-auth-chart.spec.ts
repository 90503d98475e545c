import { helm, renderProfilesOnce, type Profile } from './helm-tools';
import { podTemplates } from './rendered-pods';

const manifestsOf = renderProfilesOnce(['minimal-dev', 'production-ha', 'no-network-policy']);
const services = ['crm-customer', 'crm-sales-pipeline', 'crm-service-ticket'];
const NATS_AUTH_VARIABLES = ['NATS_CREDS_FILE', 'NATS_USER', 'NATS_PASSWORD', 'NATS_TOKEN'];

function podsOf(profile: Profile) {
  return podTemplates(manifestsOf(profile)).map(({ owner, pod }) => ({
    name: `${owner.kind}/${owner.metadata.name}`,
    pod,
    container: pod.spec.containers[0],
  }));
}

function natsEnvOf(profile: Profile, name: string) {
  const found = podsOf(profile).find((p) => p.name === name);
  return found?.container.env?.filter((e) => NATS_AUTH_VARIABLES.includes(e.name)) ?? [];
}

function renderWith(...sets: string[]): { status: number | null; stdout: string; stderr: string } {
  const values = ['-f', 'charts/crm/ci/minimal-dev-values.yaml'];
  return helm('template', 'crm', 'charts/crm', ...values, ...sets.flatMap((s) => ['--set', s]));
}

// nats.auth reaches every service (and nothing else) as the variables natsCredentialsOf reads.
describe('NATS credentials in the chart', () => {
  it('no-network-policy: every service reads a creds file mounted read-only from the Secret, by path', () => {
    for (const name of services) {
      const { pod, container } = podsOf('no-network-policy').find((p) => p.name === `Deployment/${name}`)!;
      expect(natsEnvOf('no-network-policy', `Deployment/${name}`)).toEqual([
        { name: 'NATS_CREDS_FILE', value: '/etc/crm/nats/crm-services.creds' },
      ]);
      expect(container.volumeMounts).toContainEqual({ name: 'nats-creds', mountPath: '/etc/crm/nats', readOnly: true });
      expect(pod.spec.volumes).toContainEqual({
        name: 'nats-creds',
        secret: {
          secretName: 'crm-nats-creds',
          defaultMode: 0o440,
          items: [{ key: 'crm-services.creds', path: 'crm-services.creds' }],
        },
      });
    }
  });

  it('production-ha: every service reads its NATS user and password from the Secret', () => {
    for (const name of services) {
      expect(natsEnvOf('production-ha', `Deployment/${name}`)).toEqual([
        { name: 'NATS_USER', valueFrom: { secretKeyRef: { name: 'crm-nats-credentials', key: 'username' } } },
        { name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'crm-nats-credentials', key: 'password' } } },
      ]);
    }
  });

  it.each(['minimal-dev', 'production-ha', 'no-network-policy'] as const)(
    '%s: the gateway, the portal and the migration Jobs get no NATS credentials; minimal-dev none at all',
    (profile) => {
      for (const { name, pod } of podsOf(profile)) {
        const isService = services.some((s) => name === `Deployment/${s}`);
        if (isService && profile !== 'minimal-dev') continue;
        expect({ name, env: natsEnvOf(profile, name) }).toEqual({ name, env: [] });
        expect({ name, volumes: pod.spec.volumes?.filter((v) => v.name === 'nats-creds') ?? [] }).toEqual({
          name,
          volumes: [],
        });
      }
    },
  );

  it('takes a token from the Secret', () => {
    const result = renderWith('nats.auth.existingSecret=crm-nats-token', 'nats.auth.tokenKey=token');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('- name: NATS_TOKEN\n              valueFrom:\n                secretKeyRef:');
    expect(result.stdout).toContain('name: crm-nats-token\n                  key: token');
  });

  it.each([
    [['nats.auth.existingSecret=s', 'nats.auth.userKey=username'], 'userKey and passwordKey go together: set both'],
    [
      ['nats.auth.existingSecret=s', 'nats.auth.tokenKey=t', 'nats.auth.credsFileKey=c'],
      'with existingSecret set exactly one of credsFileKey, userKey+passwordKey or tokenKey (got: credsFileKey, tokenKey)',
    ],
    [
      ['nats.auth.existingSecret=s'],
      'with existingSecret set exactly one of credsFileKey, userKey+passwordKey or tokenKey (got: none)',
    ],
    [['nats.auth.tokenKey=t'], 'the keys name entries of nats.auth.existingSecret: set it too'],
  ])('refuses %j with a message naming the rule', (sets, message) => {
    const result = renderWith(...sets);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`nats.auth: ${message}`);
  });
});
