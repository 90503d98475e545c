import { customerEventsV1 } from '@crm/contracts';
import { defineEventCatalog, eventChanges } from './event-catalog';

describe('event catalog', () => {
  const events = defineEventCatalog({
    accountDeleted: {
      subject: 'crm.test.account.deleted',
      type: 'crm.customer.v1.AccountDeleted',
      codec: customerEventsV1.AccountDeleted,
    },
  });

  it('builds an event from its table entry: subject, type, aggregate, and a protobuf payload with its metadata', () => {
    const event = events.event(
      'accountDeleted',
      { id: 'user-1', requestId: 'req-1' },
      { type: 'account', id: 'acc-1', version: 3 },
      { accountId: 'acc-1' },
    );
    expect(event).toMatchObject({
      subject: 'crm.test.account.deleted',
      eventType: 'crm.customer.v1.AccountDeleted',
      aggregateType: 'account',
      aggregateId: 'acc-1',
    });
    const decoded = customerEventsV1.AccountDeleted.decode(event.payload);
    expect(decoded.accountId).toBe('acc-1');
    expect(decoded.metadata).toMatchObject({
      eventId: event.id,
      actorId: 'user-1',
      requestId: 'req-1',
      aggregateId: 'acc-1',
      aggregateVersion: '3',
    });
  });

  it('gives every event its own id', () => {
    const build = () =>
      events.event(
        'accountDeleted',
        { id: 'u', requestId: 'r' },
        { type: 'account', id: 'a', version: 1 },
        { accountId: 'a' },
      );
    expect(build().id).not.toBe(build().id);
  });

  it('carries field changes as JSON text', () => {
    expect(eventChanges([{ field: 'name', before: undefined, after: 'Acme' }])).toEqual([
      { field: 'name', beforeJson: 'null', afterJson: '"Acme"' },
    ]);
  });
});
