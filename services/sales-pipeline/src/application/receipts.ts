import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate } from '@crm/platform/idempotency';
import { instalmentById, paymentsById, type PaymentRow } from '../db/payment-plan-rows';
import { dateIn, parseCalendarDate } from '../domain/calendar-date';
import { Exact } from '../domain/exact-decimal';
import { minorUnits, parseMoney } from '../domain/money';
import { recordEvent } from '../events/sales-events';
import { lockContract } from './contract-money-lock';
import { refreshInstalmentStatus, stateOf, type InstalmentCalendar } from './instalment-status';

export interface RecordReceiptInput {
  instalmentId: string;
  amount: string;
  receivedOn: string;
  idempotencyKey?: string | null;
}

/** Receipts: money received against an instalment, entered in the CRM by whoever manages the contract's money. */
export class Receipts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: InstalmentCalendar,
  ) {}

  /** At most what is outstanding on the instalment; a retry with the same idempotency key returns the first. */
  async record(input: RecordReceiptInput, actor: Actor): Promise<PaymentRow> {
    if (!isUuid(input.instalmentId)) throw InputError.single(['instalmentId'], 'uuid', 'must be a UUID');
    const receivedOn = parseCalendarDate(input.receivedOn, ['receivedOn']);
    if (receivedOn > dateIn(new Date(), this.calendar.timeZone)) {
      throw InputError.single(['receivedOn'], 'not_future', 'must not be after today');
    }
    const known = await instalmentById(this.dataSource.manager, input.instalmentId);
    if (!known) throw new NotFoundError('instalment', input.instalmentId);
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction(async (tx) => {
      const contract = await lockContract(tx, known.contractId, actor);
      return idempotentCreate(
        tx,
        { caller: actor.id, key: idempotencyKey, operation: 'recordReceipt', payload },
        async () => {
          const instalment = await instalmentById(tx, input.instalmentId);
          if (!instalment) throw new NotFoundError('instalment', input.instalmentId);
          const amount = parseMoney({ amount: input.amount, currency: instalment.currency }, []).amount;
          const outstanding = stateOf(instalment, this.calendar).outstanding.amount;
          if (new Exact(amount).isZero()) throw InputError.single(['amount'], 'min', 'must be greater than 0');
          if (new Exact(amount).decimalPlaces() > minorUnits(instalment.currency)) {
            throw InputError.single(['amount'], 'minor_units', `at most ${minorUnits(instalment.currency)} digits`);
          }
          if (new Exact(amount).gt(outstanding)) {
            throw InputError.single(
              ['amount'],
              'max_outstanding',
              `must be at most the ${outstanding} ${instalment.currency} outstanding on instalment ${instalment.sequence}`,
            );
          }
          const id = randomUUID();
          await tx.query(
            `INSERT INTO payments (id, contract_id, instalment_id, source, caller, amount, currency, received_on,
               recorded_at) VALUES ($1, $2, $3, 'receipt', $4, $5, $6, $7, now())`,
            [id, contract.id, instalment.id, actor.id, amount, instalment.currency, receivedOn],
          );
          const payment = (await paymentsById(tx, [id])).get(id)!;
          await paymentRecorded(tx, actor, payment, this.calendar);
          return payment;
        },
        (payment) => payment.id,
        async (id) => (await paymentsById(tx, [id])).get(id)!,
      );
    });
  }
}

/** After a payment is inserted: the instalment's status, the event and the audit row, in the same transaction. */
export async function paymentRecorded(
  tx: EntityManager,
  actor: Actor,
  payment: PaymentRow,
  calendar: InstalmentCalendar,
): Promise<void> {
  const state = payment.instalmentId ? await refreshInstalmentStatus(tx, payment.instalmentId, calendar) : null;
  await recordEvent(
    tx,
    'paymentRecorded',
    actor,
    { type: 'payment', id: payment.id, version: 1 },
    {
      paymentId: payment.id,
      contractId: payment.contractId,
      instalmentId: payment.instalmentId ?? '',
      externalReference: payment.externalReference ?? '',
      amount: { amount: payment.amount, currencyCode: payment.currency },
      receivedAt: payment.receivedAt ?? new Date(`${payment.receivedOn}T00:00:00Z`),
    },
  );
  await audit(tx, actor, 'payment.recorded', { type: 'payment', id: payment.id }, [], {
    contractId: payment.contractId,
    instalmentId: payment.instalmentId,
    externalReference: payment.externalReference,
    amount: payment.amount,
    currency: payment.currency,
    receivedOn: payment.receivedOn,
    instalmentStatus: state?.status ?? null,
  });
}
