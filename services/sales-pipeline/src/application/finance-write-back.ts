import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ConflictError, InputError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import {
  contractTerms,
  instalmentById,
  invoiceByReference,
  paymentByReference,
  type ContractTerms,
  type InvoiceRow,
  type PaymentRow,
} from '../db/payment-plan-rows';
import { dateIn, parseCalendarDate } from '../domain/calendar-date';
import { Exact } from '../domain/exact-decimal';
import { minorUnits, parseMoney, type Money } from '../domain/money';
import { recordEvent } from '../events/sales-events';
import type { InstalmentCalendar } from './instalment-status';
import { paymentRecorded } from './receipts';

interface WriteBackInput {
  contractId: string;
  instalmentId?: string | null;
  externalReference: string;
  amount: string;
  currency: string;
}

export interface RecordInvoiceInput extends WriteBackInput {
  issuedOn: string;
}

export interface RecordPaymentInput extends WriteBackInput {
  receivedAt: Date;
}

/** What a write-back was checked into: the contract, its instalment and the amount in the contract's currency. */
interface CheckedWriteBack {
  contract: ContractTerms;
  instalmentId: string | null;
  externalReference: string;
  amount: Money;
}

/**
 * Finance's write-back (ERP, billing): invoices and payments against a contract or one of its instalments. Each is
 * idempotent by the caller's external reference, held by a UNIQUE (caller, external_reference) constraint rather than
 * an idempotency key: references are business facts an ERP may replay months later, long after keys are pruned.
 */
export class FinanceWriteBack {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: InstalmentCalendar,
  ) {}

  async recordPayment(input: RecordPaymentInput, actor: Actor): Promise<PaymentRow> {
    if (Number.isNaN(input.receivedAt.getTime()) || input.receivedAt.getTime() > Date.now() + 5 * 60_000) {
      throw InputError.single(['input', 'receivedAt'], 'not_future', 'must be an instant that has passed');
    }
    const receivedOn = dateIn(input.receivedAt, this.calendar.timeZone);
    return this.dataSource.transaction(async (tx) => {
      const checked = await checkWriteBack(tx, input);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO payments (id, ${writeBackColumns}, received_on, received_at, source, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'finance', now())
         ON CONFLICT (caller, external_reference) DO NOTHING RETURNING id`,
        [randomUUID(), ...writeBackValues(checked, actor), receivedOn, input.receivedAt],
      );
      const payment = (await paymentByReference(tx, actor.id, checked.externalReference))!;
      if (!inserted.length) {
        return replayOf(payment, checked, (earlier) => earlier.receivedAt?.getTime() === input.receivedAt.getTime());
      }
      await paymentRecorded(tx, actor, payment, this.calendar);
      return payment;
    });
  }

  async recordInvoice(input: RecordInvoiceInput, actor: Actor): Promise<InvoiceRow> {
    const issuedOn = parseCalendarDate(input.issuedOn, ['input', 'issuedOn']);
    return this.dataSource.transaction(async (tx) => {
      const checked = await checkWriteBack(tx, input);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO invoices (id, ${writeBackColumns}, issued_on, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (caller, external_reference) DO NOTHING RETURNING id`,
        [randomUUID(), ...writeBackValues(checked, actor), issuedOn],
      );
      const invoice = (await invoiceByReference(tx, actor.id, checked.externalReference))!;
      if (!inserted.length) return replayOf(invoice, checked, (earlier) => earlier.issuedOn === issuedOn);
      await recordEvent(
        tx,
        'invoiceRecorded',
        actor,
        { type: 'invoice', id: invoice.id, version: 1 },
        {
          invoiceId: invoice.id,
          contractId: invoice.contractId,
          instalmentId: invoice.instalmentId ?? '',
          externalReference: invoice.externalReference,
          amount: { amount: invoice.amount, currencyCode: invoice.currency },
        },
      );
      await audit(tx, actor, 'invoice.recorded', { type: 'invoice', id: invoice.id }, [], {
        contractId: invoice.contractId,
        instalmentId: invoice.instalmentId,
        externalReference: invoice.externalReference,
        amount: invoice.amount,
        currency: invoice.currency,
        issuedOn,
      });
      return invoice;
    });
  }
}

/** The columns invoices and payments share, in the order of writeBackValues. */
const writeBackColumns = 'contract_id, instalment_id, caller, external_reference, amount, currency';

function writeBackValues(checked: CheckedWriteBack, actor: Actor): unknown[] {
  const { contract, instalmentId, externalReference, amount } = checked;
  return [contract.id, instalmentId, actor.id, externalReference, amount.amount, amount.currency];
}

/**
 * Validates the input and locks the contract: concurrent write-backs of one contract run one after the other, so a
 * replay racing its original waits for it and then finds its row.
 */
async function checkWriteBack(tx: EntityManager, input: WriteBackInput): Promise<CheckedWriteBack> {
  if (!isUuid(input.contractId)) throw InputError.single(['input', 'contractId'], 'uuid', 'must be a UUID');
  if (input.instalmentId && !isUuid(input.instalmentId)) {
    throw InputError.single(['input', 'instalmentId'], 'uuid', 'must be a UUID');
  }
  const externalReference = input.externalReference.trim();
  if (!externalReference || externalReference.length > 200) {
    throw InputError.single(['input', 'externalReference'], 'length', 'must be 1 to 200 characters');
  }
  const amount = parseMoney({ amount: input.amount, currency: input.currency }, ['input']);
  const exact = new Exact(amount.amount);
  if (exact.isZero()) throw InputError.single(['input', 'amount'], 'min', 'must be greater than 0');
  if (exact.decimalPlaces() > minorUnits(amount.currency)) {
    throw InputError.single(['input', 'amount'], 'minor_units', `at most ${minorUnits(amount.currency)} digits`);
  }
  const contract = (await contractTerms(tx, [input.contractId], { lock: true })).get(input.contractId);
  if (!contract) throw new NotFoundError('contract', input.contractId);
  if (amount.currency !== contract.currency) {
    throw InputError.single(
      ['input', 'currency'],
      'contract_currency',
      `must be the contract currency ${contract.currency}`,
    );
  }
  if (input.instalmentId) {
    const instalment = await instalmentById(tx, input.instalmentId);
    if (!instalment || instalment.contractId !== contract.id) {
      throw InputError.single(
        ['input', 'instalmentId'],
        'of_contract',
        `is not an instalment of contract ${contract.id}`,
      );
    }
  }
  return { contract, instalmentId: input.instalmentId ?? null, externalReference, amount };
}

/** The same reference again: the row it recorded when the call is the same, CONFLICT when it says something else. */
function replayOf<T extends PaymentRow | InvoiceRow>(
  earlier: T,
  checked: CheckedWriteBack,
  sameDate: (earlier: T) => boolean,
): T {
  const same =
    earlier.contractId === checked.contract.id &&
    earlier.instalmentId === checked.instalmentId &&
    earlier.currency === checked.amount.currency &&
    new Exact(earlier.amount).eq(checked.amount.amount) &&
    sameDate(earlier);
  if (same) return earlier;
  throw new ConflictError(
    `externalReference "${checked.externalReference}" was already recorded with other details ` +
      `(contract ${earlier.contractId}, ${earlier.amount} ${earlier.currency}): a new record needs a new reference`,
    { field: 'input.externalReference', rule: 'external_reference_reused', existingId: earlier.id },
  );
}
