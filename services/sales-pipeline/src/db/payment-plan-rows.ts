import type { EntityManager } from 'typeorm';
import type { InstalmentStatus } from '../domain/payment-plan';

/** What a payment plan needs of its contract: value, currency and whose it is. */
export interface ContractTerms {
  id: string;
  ownerId: string;
  teamId: string | null;
  status: string;
  value: string;
  currency: string;
}

export interface PaymentPlanRow {
  contractId: string;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface InstalmentRow {
  id: string;
  contractId: string;
  sequence: number;
  /** YYYY-MM-DD */
  dueOn: string;
  amount: string;
  currency: string;
  /** As of the last write or notice run (GraphQL recomputes it for today). */
  status: InstalmentStatus;
  /** Sum of the payments against it. */
  paid: string;
  dueNoticeSentAt: Date | null;
  overdueNoticeSentAt: Date | null;
}

export interface PaymentRow {
  id: string;
  contractId: string;
  instalmentId: string | null;
  source: 'receipt' | 'finance';
  caller: string;
  externalReference: string | null;
  amount: string;
  currency: string;
  receivedOn: string;
  receivedAt: Date | null;
  recordedAt: Date;
}

export interface InvoiceRow {
  id: string;
  contractId: string;
  instalmentId: string | null;
  caller: string;
  externalReference: string;
  amount: string;
  currency: string;
  issuedOn: string;
  recordedAt: Date;
}

/** Rows of many contracts read at once, grouped per contract in the order read (every contract gets a list). */
async function byContract<T extends { contractId: string }>(
  contractIds: readonly string[],
  read: (distinctIds: string[]) => Promise<T[]>,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(contractIds.map((id) => [id, []]));
  for (const row of await read([...new Set(contractIds)])) out.get(row.contractId)?.push(row);
  return out;
}

/** Loads contracts' payment terms, optionally locking the rows (FOR UPDATE): the plan's writers serialize on it. */
export async function contractTerms(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, ContractTerms>> {
  if (!ids.length) return new Map();
  const rows: ContractTerms[] = await manager.query(
    `SELECT id, owner_id AS "ownerId", team_id AS "teamId", status, value::text AS value, currency
       FROM contracts WHERE id = ANY($1::uuid[]) ORDER BY id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function paymentPlansOf(
  manager: EntityManager,
  contractIds: readonly string[],
): Promise<Map<string, PaymentPlanRow>> {
  const rows: PaymentPlanRow[] = await manager.query(
    `SELECT contract_id AS "contractId", version, updated_by AS "updatedBy", updated_at AS "updatedAt"
       FROM payment_plans WHERE contract_id = ANY($1::uuid[])`,
    [[...new Set(contractIds)]],
  );
  return new Map(rows.map((r) => [r.contractId, r]));
}

const instalmentSelect = `SELECT i.id, i.contract_id AS "contractId", i.sequence, to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
    i.amount::text AS amount, i.currency, i.status,
    (SELECT coalesce(sum(p.amount), 0)::text FROM payments p WHERE p.instalment_id = i.id) AS paid,
    i.due_notice_sent_at AS "dueNoticeSentAt", i.overdue_notice_sent_at AS "overdueNoticeSentAt"
  FROM instalments i`;

/** The instalments of each contract, in sequence order (every contract asked gets a list, maybe empty). */
export async function instalmentsOf(
  manager: EntityManager,
  contractIds: readonly string[],
): Promise<Map<string, InstalmentRow[]>> {
  return byContract(contractIds, (ids) =>
    manager.query(`${instalmentSelect} WHERE i.contract_id = ANY($1::uuid[]) ORDER BY i.contract_id, i.sequence`, [
      ids,
    ]),
  );
}

export async function instalmentById(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<InstalmentRow | null> {
  const [row]: InstalmentRow[] = await manager.query(
    `${instalmentSelect} WHERE i.id = $1${options.lock ? ' FOR UPDATE OF i' : ''}`,
    [id],
  );
  return row ?? null;
}

const paymentSelect = `SELECT id, contract_id AS "contractId", instalment_id AS "instalmentId", source, caller,
    external_reference AS "externalReference", amount::text AS amount, currency,
    to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", received_at AS "receivedAt", recorded_at AS "recordedAt"
  FROM payments`;

export async function paymentsById(manager: EntityManager, ids: readonly string[]): Promise<Map<string, PaymentRow>> {
  const rows: PaymentRow[] = await manager.query(`${paymentSelect} WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The payments of each contract, oldest first. */
export async function paymentsOf(
  manager: EntityManager,
  contractIds: readonly string[],
): Promise<Map<string, PaymentRow[]>> {
  return byContract(contractIds, (ids) =>
    manager.query(`${paymentSelect} WHERE contract_id = ANY($1::uuid[]) ORDER BY received_on, recorded_at, id`, [ids]),
  );
}

export async function paymentByReference(
  manager: EntityManager,
  caller: string,
  externalReference: string,
): Promise<PaymentRow | null> {
  const [row]: PaymentRow[] = await manager.query(`${paymentSelect} WHERE caller = $1 AND external_reference = $2`, [
    caller,
    externalReference,
  ]);
  return row ?? null;
}

const invoiceSelect = `SELECT id, contract_id AS "contractId", instalment_id AS "instalmentId", caller,
    external_reference AS "externalReference", amount::text AS amount, currency,
    to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", recorded_at AS "recordedAt"
  FROM invoices`;

export async function invoicesById(manager: EntityManager, ids: readonly string[]): Promise<Map<string, InvoiceRow>> {
  const rows: InvoiceRow[] = await manager.query(`${invoiceSelect} WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function invoiceByReference(
  manager: EntityManager,
  caller: string,
  externalReference: string,
): Promise<InvoiceRow | null> {
  const [row]: InvoiceRow[] = await manager.query(`${invoiceSelect} WHERE caller = $1 AND external_reference = $2`, [
    caller,
    externalReference,
  ]);
  return row ?? null;
}
