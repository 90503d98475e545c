import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { customerV1, salesEventsV1 } from '@crm/contracts';
import { PreconditionError } from '@crm/platform/errors';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

type CreateRes = customerV1.CreateAccountResponse;
type ContactRes = customerV1.CreateContactResponse;

const accountInput = (name: string): customerV1.AccountInput => ({
  ...customerV1.AccountInput.fromPartial({}),
  name,
  lifecycleStage: customerV1.LifecycleStage.PROSPECT,
});

describe('compensation of an abandoned lead conversion (crm.sales.lead.conversion_abandoned)', () => {
  let h: CustomerHarness;
  let nc: NatsConnection;

  beforeAll(async () => {
    h = await startCustomerHarness('conversion_compensation', { salesStreamPollMs: 100 });
    nc = await connect({ servers: h.nats.url });
    // The sales service declares its stream; until then the consumer waits for it.
    await (await jetstreamManager(nc)).streams.add({ name: 'SALES', subjects: ['crm.sales.>'] });
  });
  afterAll(async () => {
    await nc?.close();
    await h?.stop();
  });

  /** Publishes the event as the sales outbox relay would; `eventId` again simulates a redelivery. */
  async function abandon(conversionId: string, keys: string[], eventId: string = randomUUID()): Promise<string> {
    const data = salesEventsV1.LeadConversionAbandoned.encode({
      metadata: {
        eventId,
        occurredAt: new Date(),
        actorId: await h.userId('rep.east1'),
        requestId: randomUUID(),
        aggregateId: conversionId,
        aggregateVersion: '1',
      },
      leadId: randomUUID(),
      conversionId,
      idempotencyKeys: keys,
      reason: 'opportunity step failed',
    }).finish();
    const hd = natsHeaders();
    hd.set('crm-event-id', eventId);
    hd.set('crm-event-type', 'crm.sales.v1.LeadConversionAbandoned');
    hd.set('crm-aggregate-id', conversionId);
    await jetstream(nc).publish('crm.sales.lead.conversion_abandoned', data, { msgID: randomUUID(), headers: hd });
    return eventId;
  }

  async function processed(eventId: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows: unknown[] = await h.app.dataSource.query(`SELECT 1 FROM inbox_events WHERE event_id = $1`, [eventId]);
      if (rows.length) return;
      if (Date.now() > deadline) throw new Error(`event ${eventId} was not processed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function convert(name: string, conversionId: string) {
    const accountKey = `${conversionId}:account`;
    const contactKey = `${conversionId}:contact`;
    const { account } = await h.call<customerV1.CreateAccountRequest, CreateRes>(
      'createAccount',
      { account: accountInput(name), duplicatePolicy: customerV1.DuplicatePolicy.BLOCK, idempotencyKey: accountKey },
      'rep.east1',
    );
    const { contact } = await h.call<customerV1.CreateContactRequest, ContactRes>(
      'createContact',
      {
        accountId: account!.id,
        contact: { ...customerV1.ContactInput.fromPartial({}), name: `Buyer at ${name}` },
        idempotencyKey: contactKey,
      },
      'rep.east1',
    );
    return { accountId: account!.id, contactId: contact!.id, accountKey, contactKey };
  }

  const exists = async (table: 'accounts' | 'contacts', id: string): Promise<boolean> =>
    (await h.app.dataSource.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  const auditOf = async (id: string): Promise<{ action: string; details: Record<string, unknown> }[]> =>
    h.app.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [id]);

  it('discards exactly the records of its keys, audited and announced, and refuses a late create under them', async () => {
    const conversionId = randomUUID();
    const mine = await convert('Abandoned Conversion Ltd', conversionId);
    const bystander = await convert('Bystander Conversion Ltd', randomUUID());
    const neverUsed = `${conversionId}:second-contact`;
    const eventId = await abandon(conversionId, [mine.accountKey, mine.contactKey, neverUsed]);
    await processed(eventId);

    expect(await exists('accounts', mine.accountId)).toBe(false);
    expect(await exists('contacts', mine.contactId)).toBe(false);
    expect(await exists('accounts', bystander.accountId)).toBe(true);
    expect(await exists('contacts', bystander.contactId)).toBe(true);
    expect((await auditOf(mine.accountId)).map((a) => a.action)).toEqual(['account.create', 'account.discarded']);
    expect((await auditOf(mine.contactId)).at(-1)).toMatchObject({
      action: 'contact.discarded',
      details: expect.objectContaining({ conversionId, key: mine.contactKey }),
    });
    const subjects = (await h.streamEvents()).filter((e) => [mine.accountId, mine.contactId].includes(e.aggregateId));
    expect(subjects.map((e) => e.subject)).toEqual(
      expect.arrayContaining(['crm.customer.contact.deleted', 'crm.customer.account.purged']),
    );

    // A create still in flight when the saga gave up: refused, so no orphan comes back.
    const late = await h
      .call(
        'createAccount',
        {
          account: accountInput('Abandoned Conversion Ltd'),
          duplicatePolicy: customerV1.DuplicatePolicy.BLOCK,
          idempotencyKey: mine.accountKey,
        },
        'rep.east1',
      )
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(PreconditionError);
    expect((late as Error).message).toMatch(/conversion abandoned/);
    const lateContact = await h
      .call(
        'createContact',
        {
          accountId: bystander.accountId,
          contact: { ...customerV1.ContactInput.fromPartial({}), name: 'Too Late' },
          idempotencyKey: neverUsed,
        },
        'rep.east1',
      )
      .catch((e: unknown) => e);
    expect(lateContact).toBeInstanceOf(PreconditionError);
    expect((await h.app.dataSource.query(`SELECT 1 FROM contacts WHERE name = 'Too Late'`)).length).toBe(0);

    // Redelivered (same event id), or sent again as a new event: nothing more happens.
    const auditRows = async () => (await h.app.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const before = await auditRows();
    await abandon(conversionId, [mine.accountKey, mine.contactKey, neverUsed], eventId);
    await processed(await abandon(conversionId, [mine.accountKey, mine.contactKey, neverUsed]));
    expect(await auditRows()).toBe(before);
    expect(await exists('accounts', bystander.accountId)).toBe(true);
  });

  it('keeps what someone changed since, and says why in the audit', async () => {
    const conversionId = randomUUID();
    const changed = await convert('Changed Meanwhile Ltd', conversionId);
    await h.call(
      'updateAccount',
      {
        id: changed.accountId,
        account: { ...accountInput('Changed Meanwhile Ltd'), industry: 'retail' },
        updateMask: ['industry'],
        expectedVersion: '0',
      },
      'manager.east',
    );
    const other = await convert('Other Contact Added Ltd', randomUUID());
    const second = randomUUID();
    const mine = await convert('Contact Added Meanwhile Ltd', second);
    await h.call(
      'createContact',
      {
        accountId: mine.accountId,
        contact: { ...customerV1.ContactInput.fromPartial({}), name: 'Added By A Colleague' },
        idempotencyKey: '',
      },
      'manager.east',
    );
    await processed(await abandon(conversionId, [changed.accountKey, changed.contactKey]));
    await processed(await abandon(second, [mine.accountKey, mine.contactKey]));

    // The changed account stays; its untouched contact from the conversion goes.
    expect(await exists('accounts', changed.accountId)).toBe(true);
    expect(await exists('contacts', changed.contactId)).toBe(false);
    expect((await auditOf(changed.accountId)).at(-1)).toMatchObject({
      action: 'account.discard_skipped',
      details: expect.objectContaining({ conversionId, because: 'changed since it was created (version 2)' }),
    });
    // Someone else's contact keeps the account (the conversion's own contact goes).
    expect(await exists('accounts', mine.accountId)).toBe(true);
    expect(await exists('contacts', mine.contactId)).toBe(false);
    expect((await auditOf(mine.accountId)).at(-1)).toMatchObject({
      action: 'account.discard_skipped',
      details: expect.objectContaining({ because: 'has other contacts' }),
    });
    expect(await exists('accounts', other.accountId)).toBe(true);
  });
});
