import { randomUUID } from 'node:crypto';
import { recordGrantChanged } from './grant-change-events';
import type { DataSource } from 'typeorm';
import { ConflictError, InputError, NotAllowedError, NotFoundError, PreconditionError } from '@crm/platform/errors';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { accessLevel } from '../policy/access-facts';
import { has, managesTeam } from '../policy/account-access';
import { isUuid } from '../domain/uuid';
import type { Actor } from '@crm/platform/auth';
import { audit } from '@crm/platform/audit';
import { canClaim } from './pool-service';
import { lockLiveAccount } from './sharing-service';
import { GRANT_COLUMNS, grantAccesses, toGrant, type AccountGrant, type GrantAccess } from '../db/account-grant-rows';

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';
export const accessRequestStatuses: readonly AccessRequestStatus[] = ['pending', 'approved', 'rejected'];
export type AccessDecision = 'approve' | 'reject';

/** How long an approved request's grant lasts when the approver names no date, and the longest it may last. */
export const DEFAULT_GRANT_DAYS = 30;
export const MAX_GRANT_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;
const TEXT_MAX = 1000;

export interface AccessRequest {
  id: string;
  accountId: string;
  requesterId: string;
  access: GrantAccess;
  reason: string;
  status: AccessRequestStatus;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  grantExpiresAt: Date | null;
}

interface RequestRecord {
  id: string;
  account_id: string;
  requester_id: string;
  access: GrantAccess;
  reason: string;
  status: AccessRequestStatus;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  grant_expires_at: Date | null;
}

const COLUMNS = `r.id, r.account_id, r.requester_id, r.access, r.reason, r.status, r.requested_at, r.decided_by, r.decided_at,
  r.decision_note, r.grant_expires_at`;

function toRequest(r: RequestRecord): AccessRequest {
  return {
    id: r.id,
    accountId: r.account_id,
    requesterId: r.requester_id,
    access: r.access,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    grantExpiresAt: r.grant_expires_at,
  };
}

/** Who asks for access to someone else's account: sales and service staff (finance and auditors read already). */
export function canRequestAccess(actor: Actor): boolean {
  if (has(actor, 'auditor')) return false;
  return ['sales-rep', 'sales-manager', 'service-agent', 'service-manager'].some((r) => has(actor, r));
}

/** Who decides a request: the manager of the account's team, and crm-admin. */
export function canDecide(actor: Actor, teamId: string | null): boolean {
  return has(actor, 'crm-admin') || managesTeam(actor, teamId);
}

export interface DecideInput {
  requestId: string;
  decision: AccessDecision;
  note?: string | null;
  grantExpiresAt?: Date | null;
}

export interface DecisionResult {
  request: AccessRequest;
  grant: AccountGrant | null;
}

function optionalText(value: string | null | undefined, path: string[]): string | null {
  const text = value?.trim() ?? '';
  if (text.length > TEXT_MAX) throw InputError.single(path, 'max_length', `must be at most ${TEXT_MAX} characters`);
  return text || null;
}

/** Access requests: a rep asks for read or edit on an account, the team's manager approves (a grant that expires) or rejects. */
export class AccessRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async requestAccess(accountId: string, access: GrantAccess, reason: string, actor: Actor): Promise<AccessRequest> {
    if (!grantAccesses.includes(access)) throw InputError.single(['input', 'access'], 'enum', 'must be read or edit');
    const text = (reason ?? '').trim();
    if (!text || text.length > TEXT_MAX) {
      throw InputError.single(['input', 'reason'], 'length', `must be 1 to ${TEXT_MAX} characters`);
    }
    if (!canRequestAccess(actor)) throw new NotAllowedError('your roles do not allow asking for access to accounts');
    const now = this.clock();
    return this.dataSource.transaction(async (tx) => {
      // The account lock also serialises requests, so one requester cannot open two pending requests in parallel.
      const account = await lockLiveAccount(tx, accountId, ['input', 'accountId']);
      const level = await accessLevel(tx, actor, account);
      if (level === 'edit' || level === access) {
        throw new ConflictError(`you already have ${level} access to account ${accountId}`, {
          rule: 'already_has_access',
          access: level,
        });
      }
      if (!account.ownerId && canClaim(actor)) {
        throw new PreconditionError(`account ${accountId} is in the pool: claim it instead`, { rule: 'in_pool' });
      }
      const [pending]: { id: string }[] = await tx.query(
        `SELECT id FROM access_requests WHERE account_id = $1 AND requester_id = $2 AND status = 'pending'`,
        [accountId, actor.id],
      );
      if (pending) {
        throw new ConflictError('you already have a pending request for this account', {
          rule: 'one_pending_request',
          requestId: pending.id,
        });
      }
      const id = randomUUID();
      const [row]: RequestRecord[] = await tx.query(
        `INSERT INTO access_requests AS r (id, account_id, requester_id, access, reason, status, requested_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING ${COLUMNS}`,
        [id, accountId, actor.id, access, text, now],
      );
      await audit(
        tx,
        actor,
        'access_request.create',
        { type: 'account', id: accountId },
        [{ field: 'accessRequest', before: null, after: { id, access, status: 'pending' } }],
        { requestId: id, access, reason: text },
      );
      return toRequest(row);
    });
  }

  /** Approves (with a grant that expires, 30 days unless told, at most 180) or rejects a pending request. */
  async decide(input: DecideInput, actor: Actor): Promise<DecisionResult> {
    if (!isUuid(input.requestId)) throw InputError.single(['input', 'requestId'], 'uuid', 'must be a UUID');
    if (input.decision !== 'approve' && input.decision !== 'reject') {
      throw InputError.single(['input', 'decision'], 'enum', 'must be approve or reject');
    }
    const note = optionalText(input.note, ['input', 'note']);
    const now = this.clock();
    let expiresAt: Date | null = null;
    if (input.decision === 'approve') {
      expiresAt = input.grantExpiresAt ?? new Date(now.getTime() + DEFAULT_GRANT_DAYS * DAY_MS);
      if (expiresAt <= now) throw InputError.single(['input', 'grantExpiresAt'], 'future', 'must be in the future');
      if (expiresAt.getTime() > now.getTime() + MAX_GRANT_DAYS * DAY_MS) {
        throw InputError.single(
          ['input', 'grantExpiresAt'],
          'max_days',
          `must be at most ${MAX_GRANT_DAYS} days ahead`,
        );
      }
    } else if (input.grantExpiresAt) {
      throw InputError.single(['input', 'grantExpiresAt'], 'approve_only', 'is given only with an approval');
    }
    return this.dataSource.transaction(async (tx) => {
      const [found]: { account_id: string }[] = await tx.query(`SELECT account_id FROM access_requests WHERE id = $1`, [
        input.requestId,
      ]);
      if (!found) throw new NotFoundError('access request', input.requestId);
      // Account first, then the request: the order requestAccess takes too.
      const account = await lockLiveAccount(tx, found.account_id, ['input', 'requestId']);
      const [record]: RequestRecord[] = await tx.query(
        `SELECT ${COLUMNS} FROM access_requests r WHERE r.id = $1 FOR UPDATE`,
        [input.requestId],
      );
      if (!canDecide(actor, account.teamId)) {
        throw new NotAllowedError("only the manager of the account's team or crm-admin may decide this request", {
          requestId: input.requestId,
        });
      }
      if (record.requester_id === actor.id) {
        throw new NotAllowedError('you cannot decide your own request', { requestId: input.requestId });
      }
      if (record.status !== 'pending') {
        throw new ConflictError(`access request ${input.requestId} was already ${record.status}`, {
          rule: 'already_decided',
          status: record.status,
        });
      }
      const status: AccessRequestStatus = input.decision === 'approve' ? 'approved' : 'rejected';
      const [[updated]]: [RequestRecord[], number] = await tx.query(
        `UPDATE access_requests r SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5, grant_expires_at = $6
          WHERE r.id = $1 RETURNING ${COLUMNS}`,
        [input.requestId, status, actor.id, now, note, expiresAt],
      );
      let grant: AccountGrant | null = null;
      if (status === 'approved') {
        const [inserted]: Parameters<typeof toGrant>[0][] = await tx.query(
          `INSERT INTO account_grants (id, account_id, grantee_id, access, source, expires_at, granted_by, granted_at, request_id)
           VALUES ($1, $2, $3, $4, 'access_request', $5, $6, $7, $8) RETURNING ${GRANT_COLUMNS}`,
          [randomUUID(), account.id, record.requester_id, record.access, expiresAt, actor.id, now, record.id],
        );
        grant = toGrant(inserted);
        await recordGrantChanged(tx, actor, account, record.requester_id, 'request_approved');
      }
      await audit(
        tx,
        actor,
        `access_request.${input.decision}`,
        { type: 'account', id: account.id },
        [{ field: 'accessRequest.status', before: 'pending', after: status }],
        {
          requestId: record.id,
          requesterId: record.requester_id,
          access: record.access,
          note,
          ...(grant ? { grantId: grant.id, grantExpiresAt: grant.expiresAt } : {}),
        },
      );
      return { request: toRequest(updated), grant };
    });
  }

  /** Requests a manager decides (their teams' accounts), all for crm-admin and auditors; oldest first. */
  async forDecider(
    actor: Actor,
    status: AccessRequestStatus | null,
    first?: number | null,
    after?: string | null,
  ): Promise<CountablePage<AccessRequest>> {
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (!has(actor, 'crm-admin') && !has(actor, 'auditor')) {
      const managed = has(actor, 'sales-manager') || has(actor, 'service-manager') ? actor.teams : [];
      if (!managed.length)
        throw new NotAllowedError("access requests are decided by the account team's manager and crm-admin");
      where.push(`a.team_id = ANY(${p(managed)}::text[])`);
    }
    return this.list(where, params, p, status, 'ASC', first, after);
  }

  /** The caller's own requests, newest first. */
  async mine(
    actor: Actor,
    status: AccessRequestStatus | null,
    first?: number | null,
    after?: string | null,
  ): Promise<CountablePage<AccessRequest>> {
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    return this.list([`r.requester_id = ${p(actor.id)}`], params, p, status, 'DESC', first, after);
  }

  private async list(
    where: string[],
    params: unknown[],
    p: (value: unknown) => string,
    status: AccessRequestStatus | null,
    direction: 'ASC' | 'DESC',
    first?: number | null,
    after?: string | null,
  ): Promise<CountablePage<AccessRequest>> {
    const limit = pageSize(first);
    if (status) {
      if (!accessRequestStatuses.includes(status))
        throw InputError.single(['status'], 'enum', 'is not a request status');
      where.push(`r.status = ${p(status)}`);
    }
    const from = `FROM access_requests r JOIN accounts a ON a.id = r.account_id`;
    const countSql = `SELECT 1 ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const countParams = [...params];
    if (after) {
      const [requestedAt, id] = decodeCursor(after, 2);
      if (typeof requestedAt !== 'string' || typeof id !== 'string' || !isUuid(id)) {
        throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
      }
      where.push(
        `(r.requested_at, r.id) ${direction === 'ASC' ? '>' : '<'} (${p(requestedAt)}::timestamptz, ${p(id)}::uuid)`,
      );
    }
    const rows: RequestRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} ${from}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.requested_at ${direction}, r.id ${direction} LIMIT ${limit + 1}`,
      params,
    );
    return {
      ...toPage(rows.map(toRequest), limit, (r) => [r.requestedAt.toISOString(), r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound),
    };
  }
}
