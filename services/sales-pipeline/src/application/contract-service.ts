// Contracts: made from an accepted quote (quote-service.ts), signed once; who sees the value is
// policy/commercial-access.ts and graphql/contract-resolvers.ts; the API is graphql/contracts.graphql.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ConflictError, InputError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { parseCalendarDate } from '../domain/calendar-date';
import { preconditionFailed, ViolationCollector } from '../domain/rule-errors';
import {
  contractColumns,
  contractsById,
  contractsOfDeals,
  type ContractRow,
  type ContractStatus,
} from '../db/contract-rows';
import { quotesById } from '../db/quote-rows';
import { SqlConditions } from '../db/sql-conditions';
import { recordEvent } from '../events/sales-events';
import { dealVisibilitySql } from '../policy/visibility-sql';
import type { OpportunityService } from './opportunity-service';

export interface CreateContractInput {
  quoteId: string;
  /** Generated CT-YYYY-NNNNNN when not given. */
  number?: string | null;
  startOn: string;
  termMonths: number;
  /** A retry with the same key gets the contract the first call created. */
  idempotencyKey?: string | null;
}

export interface ContractFilter {
  opportunityId?: string | null;
  accountId?: string | null;
  status?: ContractStatus | null;
}

const numberPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Contracts of deals: created from the deal's accepted quote by whoever may edit the deal, then signed. */
export class ContractService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly opportunities: OpportunityService,
    private readonly exactCountUpTo: number,
  ) {}

  /** A contract whose deal the actor may see (FORBIDDEN otherwise, NOT_FOUND when there is none). */
  async get(id: string, actor: Actor): Promise<ContractRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const contract = (await contractsById(this.dataSource.manager, [id])).get(id);
    if (!contract) throw new NotFoundError('contract', id);
    await this.opportunities.get(contract.opportunityId, actor);
    return contract;
  }

  /** The contracts among `ids` whose deals the actor may see (missing and hidden ones left out). */
  async batchGet(ids: readonly string[], actor: Actor): Promise<ContractRow[]> {
    const rows = await contractsById(this.dataSource.manager, ids.filter(isUuid));
    return this.opportunities.keepVisible([...rows.values()], actor);
  }

  /** The contracts of each deal, newest first (for deals the caller already sees). */
  async ofDeals(opportunityIds: readonly string[]): Promise<Map<string, ContractRow[]>> {
    return contractsOfDeals(this.dataSource.manager, opportunityIds.filter(isUuid));
  }

  /** Contracts of the deals the actor may see, newest first. */
  async list(
    filter: ContractFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<CountablePage<ContractRow>> {
    const limit = pageSize(first);
    // A contract is listed to whoever may see its deal.
    const where = new SqlConditions(dealVisibilitySql(actor, 'o', 1));
    where.add('o.deleted_at IS NULL');
    where.uuidEquals('c', filter, { opportunityId: 'opportunity_id', accountId: 'account_id' });
    if (filter.status) where.add(`c.status = ${where.param(filter.status)}`);
    const from = `contracts c JOIN opportunities o ON o.id = c.opportunity_id`;
    const countSql = `SELECT 1 FROM ${from} WHERE ${where.sql}`;
    const countParams = [...where.params];
    if (after) {
      const [createdAt, id] = decodeCursor(after, 2);
      where.add(`(c.created_at, c.id) < (${where.param(createdAt)}::timestamptz, ${where.param(id)}::uuid)`);
    }
    const rows: ContractRow[] = await this.dataSource.query(
      `SELECT ${contractColumns} FROM ${from} WHERE ${where.sql}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}`,
      where.params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  /** A draft contract from an accepted quote: its total and currency, and the deal's account, owner and team. */
  async create(input: CreateContractInput, actor: Actor): Promise<ContractRow> {
    const check = new ViolationCollector();
    if (!isUuid(input.quoteId)) check.add(['input', 'quoteId'], 'uuid', 'must be a UUID');
    const number = input.number?.trim() || null;
    if (number !== null && !numberPattern.test(number)) {
      check.add(['input', 'number'], 'format', 'must be 1 to 64 letters, digits, ".", "_", "/" or "-"');
    }
    const startOn = check.read(() => parseCalendarDate(input.startOn, ['input', 'startOn']), '');
    if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 600) {
      check.add(['input', 'termMonths'], 'range', 'must be a whole number of months from 1 to 600');
    }
    check.throwIfAny();
    return this.dataSource.transaction(async (tx) => {
      const found = (await quotesById(tx, [input.quoteId])).get(input.quoteId);
      if (!found) throw new NotFoundError('quote', input.quoteId);
      const deal = await this.opportunities.lockForEdit(tx, found.opportunityId, actor);
      return idempotentCreate(
        tx,
        inputRequest(actor.id, 'createContract', input),
        async () => {
          const quote = (await quotesById(tx, [found.id], { lock: true })).get(found.id)!;
          if (quote.status !== 'accepted') {
            throw preconditionFailed(
              ['input', 'quoteId'],
              'accepted_quote',
              `a contract is made from an accepted quote; this one is ${quote.status}`,
            );
          }
          const [existing]: { number: string }[] = await tx.query(`SELECT number FROM contracts WHERE quote_id = $1`, [
            quote.id,
          ]);
          if (existing) {
            throw new ConflictError(`quote ${quote.id} already has contract ${existing.number}`, {
              field: 'input.quoteId',
              rule: 'one_contract_per_quote',
            });
          }
          const chosen = number ?? (await this.nextNumber(tx));
          const id = randomUUID();
          // ON CONFLICT: two contracts given the same number at once end in one CONFLICT, not an internal error.
          const inserted: unknown[] = await tx.query(
            `INSERT INTO contracts (id, number, opportunity_id, quote_id, account_id, owner_id, team_id, status, value,
               currency, start_on, term_months, created_by, created_at, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10, $11, $12, now(), $12, now())
             ON CONFLICT (number) DO NOTHING RETURNING id`,
            [
              id,
              chosen,
              deal.id,
              quote.id,
              deal.accountId,
              deal.ownerId,
              deal.teamId,
              quote.total,
              quote.currency,
              startOn,
              input.termMonths,
              actor.id,
            ],
          );
          if (!inserted.length) {
            throw new ConflictError(`contract number ${chosen} is taken`, { field: 'input.number', rule: 'unique' });
          }
          await audit(tx, actor, 'contract.created', { type: 'contract', id }, [], {
            number: chosen,
            opportunityId: deal.id,
            quoteId: quote.id,
            startOn,
            termMonths: input.termMonths,
          });
          return (await contractsById(tx, [id])).get(id)!;
        },
        (contract) => contract.id,
        async (id) => (await contractsById(tx, [id])).get(id)!,
      );
    });
  }

  /** Signs a draft contract (by whoever may edit its deal): `crm.sales.contract.signed` starts the revisit. */
  async sign(id: string, signedOnInput: string, actor: Actor): Promise<ContractRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const signedOn = parseCalendarDate(signedOnInput, ['signedOn']);
    if (signedOn > todayUtc()) throw InputError.single(['signedOn'], 'not_future', 'cannot be after today');
    return this.dataSource.transaction(async (tx) => {
      const found = (await contractsById(tx, [id])).get(id);
      if (!found) throw new NotFoundError('contract', id);
      await this.opportunities.lockForEdit(tx, found.opportunityId, actor);
      const contract = (await contractsById(tx, [id], { lock: true })).get(id)!;
      if (contract.status !== 'draft') {
        throw preconditionFailed(['status'], 'contract_status', `a ${contract.status} contract cannot be signed`);
      }
      await tx.query(
        `UPDATE contracts SET status = 'signed', signed_on = $2, updated_by = $3, updated_at = now(),
           version = version + 1 WHERE id = $1`,
        [id, signedOn, actor.id],
      );
      const after = (await contractsById(tx, [id])).get(id)!;
      await recordEvent(
        tx,
        'contractSigned',
        actor,
        { type: 'contract', id, version: after.version },
        {
          contractId: id,
          opportunityId: after.opportunityId,
          accountId: after.accountId,
          ownerId: after.ownerId,
          signedOn,
          termMonths: after.termMonths ?? 0,
          value: { amount: after.value, currencyCode: after.currency },
        },
      );
      await audit(
        tx,
        actor,
        'contract.signed',
        { type: 'contract', id },
        changesOf([
          { field: 'status', before: contract.status, after: 'signed' },
          { field: 'signedOn', before: contract.signedOn, after: signedOn },
        ]),
      );
      return after;
    });
  }

  /** CT-<year>-<6 digits> from one sequence: numbers never repeat, even across years. */
  private async nextNumber(tx: EntityManager): Promise<string> {
    const [{ n }]: { n: string }[] = await tx.query(`SELECT nextval('contract_number_seq')::text AS n`);
    return `CT-${todayUtc().slice(0, 4)}-${n.padStart(6, '0')}`;
  }
}
