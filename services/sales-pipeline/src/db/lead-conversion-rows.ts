import type { EntityManager } from 'typeorm';
import type { LeadConversionRequest } from '../application/lead-conversion-request';

/** started → account_done → contact_done → completed, or abandoned (compensated through the outbox) on the way. */
export type ConversionState = 'started' | 'account_done' | 'contact_done' | 'completed' | 'abandoned';

export const openConversionStates: ConversionState[] = ['started', 'account_done', 'contact_done'];

/** One lead conversion saga: its id scopes the idempotency keys it uses with the customer service. */
export interface LeadConversionRow {
  id: string;
  leadId: string;
  requestedBy: string;
  idempotencyKey: string;
  state: ConversionState;
  request: LeadConversionRequest;
  accountKey: string;
  contactKey: string;
  existingAccount: boolean;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `id, lead_id AS "leadId", requested_by AS "requestedBy", idempotency_key AS "idempotencyKey", state,
  request, account_key AS "accountKey", contact_key AS "contactKey", existing_account AS "existingAccount",
  account_id AS "accountId", contact_id AS "contactId", opportunity_id AS "opportunityId", attempts,
  last_error AS "lastError", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The first conversion matching `where` (parameters $1..), optionally locked. */
export async function findConversion(
  manager: EntityManager,
  where: string,
  params: unknown[],
  options: { lock?: boolean } = {},
): Promise<LeadConversionRow | null> {
  const [row]: LeadConversionRow[] = await manager.query(
    `SELECT ${columns} FROM lead_conversions WHERE ${where} LIMIT 1${options.lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  return row ?? null;
}

export async function insertConversion(
  tx: EntityManager,
  row: Pick<
    LeadConversionRow,
    'id' | 'leadId' | 'requestedBy' | 'idempotencyKey' | 'request' | 'accountKey' | 'contactKey' | 'existingAccount'
  >,
): Promise<LeadConversionRow> {
  const [inserted]: LeadConversionRow[] = await tx.query(
    `INSERT INTO lead_conversions (id, lead_id, requested_by, idempotency_key, state, request, account_key,
       contact_key, existing_account, account_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'started', $5, $6, $7, $8, $9, now(), now()) RETURNING ${columns}`,
    [
      row.id,
      row.leadId,
      row.requestedBy,
      row.idempotencyKey,
      JSON.stringify(row.request),
      row.accountKey,
      row.contactKey,
      row.existingAccount,
      row.request.accountChoice.existingAccountId ?? null,
    ],
  );
  return inserted;
}

/** Moves a conversion on (or records a failed attempt) and returns it as stored. */
export async function updateConversion(
  manager: EntityManager,
  id: string,
  change: Partial<Pick<LeadConversionRow, 'state' | 'accountId' | 'contactId' | 'opportunityId' | 'lastError'>> & {
    failedAttempt?: boolean;
  },
): Promise<LeadConversionRow> {
  const [[row]]: [LeadConversionRow[]] = await manager.query(
    `UPDATE lead_conversions SET state = coalesce($2, state), account_id = coalesce($3, account_id),
       contact_id = coalesce($4, contact_id), opportunity_id = coalesce($5, opportunity_id),
       last_error = CASE WHEN $6::boolean THEN $7 ELSE last_error END,
       attempts = attempts + CASE WHEN $8::boolean THEN 1 ELSE 0 END, updated_at = now()
     WHERE id = $1 RETURNING ${columns}`,
    [
      id,
      change.state ?? null,
      change.accountId ?? null,
      change.contactId ?? null,
      change.opportunityId ?? null,
      change.lastError !== undefined,
      change.lastError ?? null,
      change.failedAttempt ?? false,
    ],
  );
  return row;
}
