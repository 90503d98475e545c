import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate } from '@crm/platform/idempotency';
import {
  boundedCount,
  boundedCountsPerParent,
  decodeCursor,
  newestFirst,
  pageSize,
  pagesPerParent,
  toPage,
  type CountablePage,
  type Page,
  type TotalCount,
} from '@crm/platform/pagination';
import { accountFactsFor, upsertAccountFacts } from '@crm/platform/customer-accounts';
import type { OpportunityRow, OpportunityStatus } from '../db/opportunity.entity';
import { opportunitiesById, opportunityColumns } from '../db/opportunity-rows';
import { SqlConditions } from '../db/sql-conditions';
import { recordEvent } from '../events/sales-events';
import { dealAccess, type AccessLevel } from '../policy/deal-access';
import { dealVisibilitySql } from '../policy/visibility-sql';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { checkedDealInput } from './new-deal-input';
import { addDayFilters } from './opportunity-day-filters';
import { opportunityMessage } from './opportunity-message';
import type { PipelineService } from './pipeline-service';

export interface CreateOpportunityInput {
  name: string;
  accountId: string;
  pipelineId?: string | null;
  stageId?: string | null;
  amount?: string | null;
  currency: string;
  expectedCloseOn?: string | null;
  nextStep?: string | null;
  description?: string | null;
  ownerId?: string | null;
  /** A retry with the same key gets the deal the first call created (see @crm/platform/idempotency). */
  idempotencyKey?: string | null;
}

export interface OpportunityFilter {
  pipelineId?: string | null;
  stageId?: string | null;
  status?: OpportunityStatus | null;
  ownerId?: string | null;
  accountId?: string | null;
  /** Any of these owners (a manager's reps). */
  ownerIds?: readonly string[] | null;
  teamId?: string | null;
  /** Only open deals past their stage's idle threshold (the SQL twin of domain/stage-history idleStatus). */
  idleOnly?: boolean | null;
  /** Inclusive dates (YYYY-MM-DD) of the expected close. */
  expectedCloseFrom?: string | null;
  expectedCloseTo?: string | null;
  /** Part of the deal's name, case-insensitive. */
  search?: string | null;
}

/** Deals: created against an account the caller may read (asked of the customer service), listed by the row rules. */
export class OpportunityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipelines: PipelineService,
    private readonly customers: CustomerAccounts,
    private readonly exactCountUpTo: number,
  ) {}

  /** The access level of the actor on each deal (one statement for the account facts, one for grants). */
  async accessLevels(manager: EntityManager, actor: Actor, rows: OpportunityRow[]): Promise<Map<string, AccessLevel>> {
    const facts = await accountFactsFor(
      manager,
      actor,
      rows.map((r) => r.accountId),
    );
    return new Map(
      rows.map((r) => [
        r.id,
        dealAccess(actor, { ownerId: r.ownerId, teamId: r.teamId, account: facts.get(r.accountId) ?? null }),
      ]),
    );
  }

  /** The deals among `ids` the actor may read, in the order asked (missing and hidden ones left out). */
  async batchGet(ids: readonly string[], actor: Actor): Promise<OpportunityRow[]> {
    const rows = await opportunitiesById(this.dataSource.manager, ids.filter(isUuid));
    const levels = await this.accessLevels(this.dataSource.manager, actor, [...rows.values()]);
    return ids.map((id) => rows.get(id)).filter((r): r is OpportunityRow => !!r && levels.get(r.id) !== 'none');
  }

  /** The rows among `rows` whose deal the actor may see (quotes and contracts follow their deal). */
  async keepVisible<T extends { opportunityId: string }>(rows: T[], actor: Actor): Promise<T[]> {
    const deals = await this.batchGet([...new Set(rows.map((r) => r.opportunityId))], actor);
    const visible = new Set(deals.map((d) => d.id));
    return rows.filter((r) => visible.has(r.opportunityId));
  }

  async get(id: string, actor: Actor): Promise<OpportunityRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const row = (await opportunitiesById(this.dataSource.manager, [id])).get(id);
    if (!row) throw new NotFoundError('opportunity', id);
    const level = (await this.accessLevels(this.dataSource.manager, actor, [row])).get(id);
    if (level === 'none') throw new NotAllowedError(`opportunity ${id} is not yours to see`, { opportunityId: id });
    return row;
  }

  /** Locks a deal for a change and checks that the actor may edit it (owner, their managers, crm-admin). */
  async lockForEdit(tx: EntityManager, id: string, actor: Actor): Promise<OpportunityRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const row = (await opportunitiesById(tx, [id], { lock: true })).get(id);
    if (!row) throw new NotFoundError('opportunity', id);
    const level = (await this.accessLevels(tx, actor, [row])).get(id);
    if (level !== 'edit') {
      throw new NotAllowedError(
        level === 'read' ? `you may read opportunity ${id} but not change it` : `opportunity ${id} is not yours`,
        { opportunityId: id },
      );
    }
    return row;
  }

  async create(input: CreateOpportunityInput, actor: Actor, token: string): Promise<OpportunityRow> {
    const { name, amount, currency, ownerId } = checkedDealInput(input, actor, ['input']);
    // The customer service decides, with the caller's own token, that the account exists and is theirs to read.
    const account = await this.customers.requireReadable(input.accountId, token);
    const teamId =
      account.teamId && actor.teams.includes(account.teamId) ? account.teamId : (actor.teams[0] ?? account.teamId);
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        {
          caller: actor.id,
          key: idempotencyKey,
          operation: 'createOpportunity',
          payload,
          path: ['input', 'idempotencyKey'],
        },
        () => this.insert(tx, { name, amount, currency, ownerId, teamId, account, input }, actor),
        (row) => row.id,
        async (id) => (await opportunitiesById(tx, [id])).get(id)!,
      ),
    );
  }

  /**
   * The deal of a lead conversion, inside the conversion's last transaction, on the account the saga created or
   * checked for edit; `source_lead_id` is unique, so one lead never yields two deals.
   */
  async createForLead(
    tx: EntityManager,
    input: CreateOpportunityInput,
    account: { id: string; ownerId: string | null; teamId: string | null },
    lead: { id: string; teamId: string | null },
    actor: Actor,
    path: (string | number)[],
  ): Promise<OpportunityRow> {
    const { name, amount, currency, ownerId } = checkedDealInput(input, actor, path);
    const row = await this.insert(tx, { name, amount, currency, ownerId, teamId: lead.teamId, account, input }, actor);
    await tx.query(`UPDATE opportunities SET source_lead_id = $2 WHERE id = $1`, [row.id, lead.id]);
    return { ...row, sourceLeadId: lead.id };
  }

  private async insert(
    tx: EntityManager,
    values: {
      name: string;
      amount: string;
      currency: string;
      ownerId: string;
      teamId: string | null;
      account: { id: string; ownerId: string | null; teamId: string | null };
      input: CreateOpportunityInput;
    },
    actor: Actor,
  ): Promise<OpportunityRow> {
    const { name, amount, currency, ownerId, teamId, account, input } = values;
    const pipeline = input.pipelineId
      ? await this.pipelines.require(tx, input.pipelineId, ['input', 'pipelineId'])
      : await this.pipelines.defaultPipeline(tx);
    // Shares the pipeline lock of stage moves: a pipeline edit under way cannot remove the stage this deal enters.
    await tx.query(`SELECT 1 FROM pipelines WHERE id = $1 FOR SHARE`, [pipeline.id]);
    const stages = await this.pipelines.liveStages(tx, pipeline.id);
    const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages.find((s) => s.kind === 'open');
    if (!stage) throw InputError.single(['input', 'stageId'], 'stage', `is not a stage of pipeline ${pipeline.name}`);
    if (stage.kind !== 'open')
      throw InputError.single(['input', 'stageId'], 'open_stage', 'a new deal starts in an open stage');
    const id = randomUUID();
    const now = new Date();
    await tx.query(
      `INSERT INTO opportunities (id, name, account_id, owner_id, team_id, pipeline_id, stage_id, status, amount,
         currency, probability, expected_close_on, next_step, description, stage_entered_at, created_by, created_at,
         updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, $15, $14, $15, $14)`,
      [
        id,
        name,
        account.id,
        ownerId,
        teamId,
        pipeline.id,
        stage.id,
        amount,
        currency,
        stage.probability,
        input.expectedCloseOn ?? null,
        input.nextStep?.trim() || null,
        input.description?.trim() || null,
        now,
        actor.id,
      ],
    );
    await tx.query(
      `INSERT INTO opportunity_stage_history (id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, from_status,
         to_status, moved_by, moved_at) VALUES ($1, $2, $3, NULL, $4, NULL, 'open', $5, $6)`,
      [randomUUID(), id, pipeline.id, stage.id, actor.id, now],
    );
    await upsertAccountFacts(tx, account);
    const row = (await opportunitiesById(tx, [id])).get(id)!;
    await recordEvent(
      tx,
      'opportunityCreated',
      actor,
      { type: 'opportunity', id, version: 1 },
      {
        opportunity: opportunityMessage(row),
      },
    );
    await audit(tx, actor, 'opportunity.created', { type: 'opportunity', id }, [], {
      name,
      accountId: account.id,
      amount,
      currency,
      stageId: stage.id,
    });
    return row;
  }

  /** A page of the deals the actor may see, newest change first, with filters; its total is counted on demand. */
  async list(
    filter: OpportunityFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<CountablePage<OpportunityRow>> {
    const limit = pageSize(first);
    const where = new SqlConditions(dealVisibilitySql(actor, 'o', 1));
    where.add('o.deleted_at IS NULL');
    where.uuidEquals('o', filter, {
      pipelineId: 'pipeline_id',
      stageId: 'stage_id',
      ownerId: 'owner_id',
      accountId: 'account_id',
    });
    if (filter.status) where.add(`o.status = ${where.param(filter.status)}`);
    addDayFilters(where, filter);
    const countSql = `SELECT 1 FROM opportunities o WHERE ${where.sql}`;
    const countParams = [...where.params];
    if (after) {
      const [updatedAt, id] = decodeCursor(after, 2);
      where.add(`(o.updated_at, o.id) < (${where.param(updatedAt)}::timestamptz, ${where.param(id)}::uuid)`);
    }
    const rows: OpportunityRow[] = await this.dataSource.query(
      `SELECT ${opportunityColumns()} FROM opportunities o WHERE ${where.sql}
        ORDER BY o.updated_at DESC, o.id DESC LIMIT ${limit + 1}`,
      where.params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.updatedAt.toISOString(), r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  /** How many deals of each account the actor may see (bounded, one statement for the page of accounts). */
  countsByAccount(accountIds: readonly string[], actor: Actor): Promise<Map<string, TotalCount>> {
    const visibility = dealVisibilitySql(actor, 'o', 2);
    return boundedCountsPerParent(
      this.dataSource,
      `SELECT 1 FROM opportunities o WHERE o.account_id = parent.id AND o.deleted_at IS NULL AND ${visibility.sql}`,
      visibility.params,
      accountIds.filter(isUuid),
      this.exactCountUpTo,
    );
  }

  /** One page of visible deals per account (Account.opportunities for a page of accounts: one statement). */
  async pagesByAccount(
    accountIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<Map<string, Page<OpportunityRow>>> {
    const visibility = dealVisibilitySql(actor, 'o', 2);
    return pagesPerParent<OpportunityRow>(this.dataSource, {
      childSql: `SELECT ${opportunityColumns()} FROM opportunities o
        WHERE o.account_id = parent.id AND o.deleted_at IS NULL AND ${visibility.sql}`,
      parameters: visibility.params,
      parentIds: accountIds.filter(isUuid),
      ...newestFirst('o', 'created_at'),
      first,
      after,
      parentOf: (r) => r.accountId,
    });
  }
}
