import { renderProfilesOnce, type Profile } from './helm-tools';
import { ofKind } from './rendered-pods';

const manifestsOf = renderProfilesOnce(['minimal-dev', 'production-ha']);
const services = ['crm-customer', 'crm-sales-pipeline', 'crm-service-ticket'];

// nats.streamReplicas reaches every service as NATS_STREAM_REPLICAS (the streams they declare get that many copies).
describe('stream replicas in the chart', () => {
  it.each([
    ['minimal-dev', '1'],
    ['production-ha', '3'],
  ] as const)('%s: every service declares its streams with %s copies', (profile: Profile, replicas) => {
    const configs = ofKind(manifestsOf(profile), 'ConfigMap').filter((c) => services.includes(c.metadata.name));
    expect(configs.map((c) => [c.metadata.name, c.data?.NATS_STREAM_REPLICAS])).toEqual(
      services.map((name) => [name, replicas]),
    );
  });
});
