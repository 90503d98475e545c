import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureDeadLetterStream, ensureStream, type Bus } from '../src/bus';
import { testLogger } from './bus-test-harness';

// NATS_STREAM_REPLICAS reaches JetStream: streams are declared with the count asked for, a restart without the setting
// leaves the count alone, and a raised setting updates an existing stream (a cluster then adds the copies).
describe('stream replicas', () => {
  let nats: NatsServer;
  let bus: Bus;

  beforeAll(async () => {
    nats = await startNats();
    bus = await connectBus({ servers: nats.url, name: 'stream-replicas-test', logger: testLogger() });
  });
  afterAll(async () => {
    await bus?.close();
    await nats?.stop();
  });

  it('declares a stream with the replicas asked for, and keeps them when a later start does not say', async () => {
    const declared = await ensureStream(bus, { name: 'REPLICAS', subjects: ['crm.replicas.>'], replicas: 1 });
    expect(declared.config.num_replicas).toBe(1);
    const again = await ensureStream(bus, { name: 'REPLICAS', subjects: ['crm.replicas.>'] });
    expect(again.config.num_replicas).toBe(1);
    expect((await ensureDeadLetterStream(bus, 1)).config.num_replicas).toBe(1);
  });

  it('raises an existing stream to three copies when production says so (the cluster then scales it in place)', async () => {
    const raised = await ensureStream(bus, { name: 'REPLICAS', subjects: ['crm.replicas.>'], replicas: 3 });
    expect(raised.config.num_replicas).toBe(3);
    expect((await bus.jsm.streams.info('REPLICAS')).config.num_replicas).toBe(3);
  });
});
