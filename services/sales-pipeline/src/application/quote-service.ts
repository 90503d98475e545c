// Quotes: the rules are domain/quote-approval.ts and domain/line-items.ts; who decides is policy/commercial-access.ts;
// the API is graphql/quotes.graphql; contracts are made from accepted quotes (contract-service.ts).
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, NotFoundError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { parseCalendarDate } from '../domain/calendar-date';
import { lineItemsTotal, maxDiscount, type LineItem } from '../domain/line-items';
import { money } from '../domain/money';
import { decideQuote, planNewVersion, respondToQuote, submitQuote, type QuoteDecision } from '../domain/quote-approval';
import { preconditionFailed } from '../domain/rule-errors';
import { insertLines, linesOf, type LineItemRow } from '../db/line-item-rows';
import { opportunitiesById } from '../db/opportunity-rows';
import { quoteColumns, quotesById, quotesOfDeals, type QuoteRow } from '../db/quote-rows';
import { recordEvent } from '../events/sales-events';
import { approverFacts } from '../policy/commercial-access';
import type { OpportunityService } from './opportunity-service';

export interface CreateQuoteInput {
  opportunityId: string;
  validUntil: string;
  notes?: string | null;
  /** A retry with the same key gets the quote the first call created. */
  idempotencyKey?: string | null;
}

/** Today's calendar date in UTC: a quote valid until D may be accepted through D. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

const asLineItem = (row: LineItemRow): LineItem => ({
  productId: row.productId,
  quantity: row.quantity,
  unitPrice: money(row.unitPrice, row.currency),
  discountPercent: row.discountPercent,
});

/** Versioned quotes of a deal, their approval above the discount threshold, and the customer's acceptance. */
export class QuoteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly opportunities: OpportunityService,
    /** QUOTE_DISCOUNT_APPROVAL_PERCENT: a larger line discount needs a manager's approval. */
    private readonly approvalThresholdPercent: string,
    private readonly exactCountUpTo: number,
  ) {}

  /** A quote whose deal the actor may see (FORBIDDEN otherwise, NOT_FOUND when there is none). */
  async get(id: string, actor: Actor): Promise<QuoteRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const quote = (await quotesById(this.dataSource.manager, [id])).get(id);
    if (!quote) throw new NotFoundError('quote', id);
    await this.opportunities.get(quote.opportunityId, actor);
    return quote;
  }

  /** The quotes among `ids` whose deals the actor may see (missing and hidden ones left out). */
  async batchGet(ids: readonly string[], actor: Actor): Promise<QuoteRow[]> {
    const rows = await quotesById(this.dataSource.manager, ids.filter(isUuid));
    return this.opportunities.keepVisible([...rows.values()], actor);
  }

  /** Every version of each deal's quote, newest first (for deals the caller already sees). */
  async ofDeals(opportunityIds: readonly string[]): Promise<Map<string, QuoteRow[]>> {
    return quotesOfDeals(this.dataSource.manager, opportunityIds.filter(isUuid));
  }

  async linesOf(quoteIds: readonly string[]): Promise<Map<string, LineItemRow[]>> {
    return linesOf(this.dataSource.manager, 'quote_lines', quoteIds.filter(isUuid));
  }

  /** A new draft version from the deal's line items; the deal's live versions become superseded. */
  async create(input: CreateQuoteInput, actor: Actor): Promise<QuoteRow> {
    const validUntil = parseCalendarDate(input.validUntil, ['input', 'validUntil']);
    if (validUntil < todayUtc()) throw InputError.single(['input', 'validUntil'], 'future', 'must be today or later');
    const notes = input.notes?.trim() || null;
    if (notes && notes.length > 4000)
      throw InputError.single(['input', 'notes'], 'max_length', 'at most 4000 characters');
    return this.dataSource.transaction(async (tx) => {
      const deal = await this.opportunities.lockForEdit(tx, input.opportunityId, actor);
      return idempotentCreate(
        tx,
        inputRequest(actor.id, 'createQuote', input),
        async () => {
          const lines = (await linesOf(tx, 'opportunity_line_items', [deal.id])).get(deal.id) ?? [];
          if (!lines.length) {
            throw preconditionFailed(['input', 'opportunityId'], 'line_items', 'the deal has no line items to quote');
          }
          const versions: { id: string; version: number; status: QuoteRow['status'] }[] = await tx.query(
            `SELECT id, version, status FROM quotes WHERE opportunity_id = $1 ORDER BY version FOR UPDATE`,
            [deal.id],
          );
          const plan = planNewVersion(versions);
          if (plan.superseded.length) {
            await tx.query(
              `UPDATE quotes SET status = 'superseded', updated_by = $2, updated_at = now(), revision = revision + 1
                WHERE id = ANY($1::uuid[])`,
              [plan.superseded, actor.id],
            );
          }
          const items = lines.map(asLineItem);
          const id = randomUUID();
          await tx.query(
            `INSERT INTO quotes (id, opportunity_id, version, status, currency, total, max_discount_percent, valid_until,
               notes, created_by, created_at, updated_by, updated_at)
             VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, now(), $9, now())`,
            [
              id,
              deal.id,
              plan.version,
              deal.currency,
              lineItemsTotal(items, deal.currency).amount,
              maxDiscount(items),
              validUntil,
              notes,
              actor.id,
            ],
          );
          await insertLines(tx, 'quote_lines', id, lines);
          const quote = (await quotesById(tx, [id])).get(id)!;
          await audit(tx, actor, 'quote.created', { type: 'quote', id }, [], {
            opportunityId: deal.id,
            version: quote.version,
            total: quote.total,
            currency: quote.currency,
            superseded: plan.superseded,
          });
          return quote;
        },
        (quote) => quote.id,
        async (id) => (await quotesById(tx, [id])).get(id)!,
      );
    });
  }

  /** Submits a draft: approved at once within the threshold, otherwise it waits for a manager's decision. */
  async submit(id: string, actor: Actor): Promise<QuoteRow> {
    return this.dataSource.transaction(async (tx) => {
      const quote = await this.lockForDealEditor(tx, id, actor);
      const submission = submitQuote(quote.status, quote.maxDiscountPercent, this.approvalThresholdPercent);
      await tx.query(
        `UPDATE quotes SET status = $2, needs_approval = $3, submitted_by = $4, submitted_at = now(), updated_by = $4,
           updated_at = now(), revision = revision + 1 WHERE id = $1`,
        [id, submission.status, !submission.autoApproved, actor.id],
      );
      const after = (await quotesById(tx, [id])).get(id)!;
      await recordEvent(
        tx,
        'quoteSubmitted',
        actor,
        { type: 'quote', id, version: after.revision },
        {
          quoteId: id,
          opportunityId: after.opportunityId,
          version: after.version,
          total: { amount: after.total, currencyCode: after.currency },
          maxDiscountPercent: after.maxDiscountPercent,
          needsApproval: after.needsApproval,
        },
      );
      await audit(
        tx,
        actor,
        'quote.submitted',
        { type: 'quote', id },
        changesOf([{ field: 'status', before: quote.status, after: after.status }]),
        { maxDiscountPercent: after.maxDiscountPercent, thresholdPercent: this.approvalThresholdPercent },
      );
      return after;
    });
  }

  /** A manager of the deal owner's team (or crm-admin), never the owner, approves or rejects a submitted quote. */
  async decide(id: string, decision: QuoteDecision, actor: Actor): Promise<QuoteRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    return this.dataSource.transaction(async (tx) => {
      const quote = await this.lockQuote(tx, id);
      const deal = (await opportunitiesById(tx, [quote.opportunityId])).get(quote.opportunityId);
      if (!deal) throw new NotFoundError('quote', id);
      const decided = decideQuote(quote.status, decision, approverFacts(actor), {
        ownerId: deal.ownerId,
        ownerTeam: deal.teamId,
      });
      await tx.query(
        `UPDATE quotes SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4, updated_by = $3,
           updated_at = now(), revision = revision + 1 WHERE id = $1`,
        [id, decided.status, actor.id, decided.comment],
      );
      const after = (await quotesById(tx, [id])).get(id)!;
      const body = { quoteId: id, opportunityId: deal.id, approverId: actor.id, comment: decided.comment ?? '' };
      const aggregate = { type: 'quote' as const, id, version: after.revision };
      if (decided.status === 'approved') await recordEvent(tx, 'quoteApproved', actor, aggregate, body);
      else await recordEvent(tx, 'quoteRejected', actor, aggregate, body);
      await audit(
        tx,
        actor,
        `quote.${decided.status}`,
        { type: 'quote', id },
        changesOf([{ field: 'status', before: quote.status, after: decided.status }]),
        { comment: decided.comment, opportunityId: deal.id },
      );
      return after;
    });
  }

  /** The customer accepted an approved quote, on or before its valid-until date. */
  async accept(id: string, actor: Actor): Promise<QuoteRow> {
    return this.dataSource.transaction(async (tx) => {
      const quote = await this.lockForDealEditor(tx, id, actor);
      const status = respondToQuote(quote.status, 'accepted');
      if (quote.validUntil < todayUtc()) {
        throw preconditionFailed(['validUntil'], 'expired', `the quote was valid until ${quote.validUntil}`);
      }
      await tx.query(
        `UPDATE quotes SET status = $2, accepted_by = $3, accepted_at = now(), updated_by = $3, updated_at = now(),
           revision = revision + 1 WHERE id = $1`,
        [id, status, actor.id],
      );
      await audit(
        tx,
        actor,
        'quote.accepted',
        { type: 'quote', id },
        changesOf([{ field: 'status', before: quote.status, after: status }]),
      );
      return (await quotesById(tx, [id])).get(id)!;
    });
  }

  /** Submitted quotes the actor may decide on (deals of teams they manage, or all for crm-admin; never their own). */
  async awaitingApprovalBy(
    actor: Actor,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<QuoteRow>> {
    const limit = pageSize(first);
    const approver = approverFacts(actor);
    const params: unknown[] = [actor.id, approver.isAdmin, approver.managedTeams];
    const where = [
      `q.status = 'submitted'`,
      `o.owner_id <> $1::uuid`,
      `o.deleted_at IS NULL`,
      `($2 OR o.team_id = ANY($3::text[]))`,
    ];
    const from = `quotes q JOIN opportunities o ON o.id = q.opportunity_id`;
    const countSql = `SELECT 1 FROM ${from} WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [submittedAt, id] = decodeCursor(after, 2);
      params.push(submittedAt, id);
      where.push(`(q.submitted_at, q.id) > ($4::timestamptz, $5::uuid)`);
    }
    const rows: QuoteRow[] = await this.dataSource.query(
      `SELECT ${quoteColumns} FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY q.submitted_at, q.id LIMIT ${limit + 1}`,
      params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.submittedAt!.toISOString(), r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  /** Locks the deal (as its editor) and then the quote: the order every quote change takes. */
  private async lockForDealEditor(tx: EntityManager, id: string, actor: Actor): Promise<QuoteRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const found = (await quotesById(tx, [id])).get(id);
    if (!found) throw new NotFoundError('quote', id);
    await this.opportunities.lockForEdit(tx, found.opportunityId, actor);
    return this.lockQuote(tx, id);
  }

  private async lockQuote(tx: EntityManager, id: string): Promise<QuoteRow> {
    const quote = (await quotesById(tx, [id], { lock: true })).get(id);
    if (!quote) throw new NotFoundError('quote', id);
    return quote;
  }
}
