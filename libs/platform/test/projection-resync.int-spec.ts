import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { customerEventsV1, customerV1 } from '@crm/contracts';
import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, type Bus } from '../src/bus';
import { accountFactsMigrationSql } from '../src/customer-accounts';
import { createBusTestDatabase, testLogger, type BusTestDatabase } from './bus-test-harness';
import { accountFactsProjection } from '../src/operations';
import { operationsCommand, setEnvironment } from './operations-command-runner';

interface FactsRow {
  account_id: string;
  owner_id: string | null;
  team_id: string | null;
  grade: string | null;
  event_seq: string;
}

describe('projection re-sync command', () => {
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let environment: { restore(): void } | undefined;
  const accountId = randomUUID();
  const [firstOwner, secondOwner] = [randomUUID(), randomUUID()];

  const ops = operationsCommand({
    service: 'sales-pipeline',
    databaseUrlVariable: 'SALES_DATABASE_URL',
    projections: { 'account-facts': accountFactsProjection },
  });

  async function publish(subject: string, type: string, seq: number, data: Uint8Array): Promise<void> {
    const h = natsHeaders();
    const id = randomUUID();
    h.set('crm-event-id', id);
    h.set('crm-event-type', type);
    h.set('crm-aggregate-id', accountId);
    h.set('crm-aggregate-seq', String(seq));
    await bus.js.publish(subject, data, { msgID: id, headers: h });
  }

  async function facts(): Promise<FactsRow[]> {
    return db.dataSource.query(
      'SELECT account_id, owner_id, team_id, grade, event_seq FROM account_facts ORDER BY account_id',
    );
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([
      startNats(),
      createBusTestDatabase('projection_resync', accountFactsMigrationSql.up),
    ]);
    environment = setEnvironment({ NATS_URL: nats.url, SALES_DATABASE_URL: db.url });
    bus = await connectBus({ servers: nats.url, name: 'projection-resync-test', logger: testLogger() });
    await ensureStream(bus, { name: 'CUSTOMER', subjects: ['crm.customer.>'] });
    const account = { id: accountId, ownerId: firstOwner, teamId: 'sales-east', grade: customerV1.Grade.B };
    await publish(
      'crm.customer.account.created',
      'crm.customer.v1.AccountCreated',
      1,
      customerEventsV1.AccountCreated.encode(customerEventsV1.AccountCreated.fromPartial({ account })).finish(),
    );
    await publish(
      'crm.customer.account.owner_changed',
      'crm.customer.v1.AccountOwnerChanged',
      2,
      customerEventsV1.AccountOwnerChanged.encode(
        customerEventsV1.AccountOwnerChanged.fromPartial({ accountId, ownerId: secondOwner, teamId: 'sales-west' }),
      ).finish(),
    );
    await publish(
      'crm.customer.account.graded',
      'crm.customer.v1.AccountGraded',
      3,
      customerEventsV1.AccountGraded.encode(
        customerEventsV1.AccountGraded.fromPartial({ accountId, grade: customerV1.Grade.A }),
      ).finish(),
    );
    // Another service's subject on the same stream: not part of the projection.
    await publish('crm.customer.user.offboarded', 'crm.customer.v1.UserOffboarded', 1, new Uint8Array());
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
    environment?.restore();
  });

  it('rebuilds account facts lost with a restore from the customer stream, publishing nothing', async () => {
    const before = await bus.jsm.streams.info('CUSTOMER');
    const resync = await ops('projections', 'resync', 'account-facts');
    expect(resync.err).toBe('');
    expect(resync.code).toBe(0);
    expect(resync.out).toContain('account-facts re-synced from stream CUSTOMER: 3 event(s) applied, last seq 3');
    expect(await facts()).toEqual([
      { account_id: accountId, owner_id: secondOwner, team_id: 'sales-west', grade: 'A', event_seq: '3' },
    ]);
    expect((await bus.jsm.streams.info('CUSTOMER')).state.messages).toBe(before.state.messages);
    const outbox: unknown[] = await db.dataSource.query('SELECT 1 FROM outbox_events');
    expect(outbox).toEqual([]);
  });

  it('brings a row restored from an older backup up to date, and a second run changes nothing', async () => {
    await db.dataSource.query(`UPDATE account_facts SET owner_id = $1, team_id = 'sales-east', event_seq = 1`, [
      firstOwner,
    ]);
    expect((await ops('projections', 'resync', 'account-facts')).code).toBe(0);
    const rebuilt = await facts();
    expect(rebuilt).toEqual([
      { account_id: accountId, owner_id: secondOwner, team_id: 'sales-west', grade: 'A', event_seq: '3' },
    ]);
    expect((await ops('projections', 'resync', 'account-facts', '--from-seq', '2')).out).toContain(
      '2 event(s) applied, last seq 3',
    );
    expect(await facts()).toEqual(rebuilt);
  });

  it('names the projections it knows when asked for another', async () => {
    const unknown = await ops('projections', 'resync', 'deal-facts');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('projection must be one of: account-facts (got "deal-facts")');
    expect((await ops('projections', 'list')).out).toBe('account-facts (stream CUSTOMER)');
  });
});
