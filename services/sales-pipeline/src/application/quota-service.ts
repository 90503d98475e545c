import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { parseDecimal, decimalText } from '../domain/exact-decimal';
import type { Period } from '../domain/fiscal-period';
import { minorUnits, moneyUpperBound } from '../domain/money';
import { quotaColumns, type QuotaRow } from '../db/forecast-rows';
import { has } from '../policy/deal-access';
import { requireTeamManager } from '../policy/forecast-access';

export interface QuotaFilter {
  ownerId?: string | null;
  teamId?: string | null;
  period?: Period | null;
}

/** Reps' quotas per period, in the company currency, set by their team's managers (or crm-admin). */
export class QuotaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly companyCurrency: string,
    private readonly exactCountUpTo: number,
  ) {}

  /** Sets (or replaces) a rep's quota in a team for a period; setting it again is audited with before and after. */
  async set(ownerId: string, teamId: string, period: Period, amountInput: string, actor: Actor): Promise<QuotaRow> {
    if (!isUuid(ownerId)) throw InputError.single(['ownerId'], 'uuid', 'must be a UUID');
    const amount = decimalText(
      parseDecimal(amountInput, ['amount'], {
        // A quota is a target in whole minor units of the company currency (fen, cents), as figures are shown.
        maxFractionDigits: minorUnits(this.companyCurrency),
        min: '0',
        max: moneyUpperBound,
        maxExclusive: true,
      }),
    );
    requireTeamManager(actor, teamId, ['teamId']);
    return this.dataSource.transaction(async (tx) => {
      const key = [ownerId, teamId, period.kind, period.start];
      // Serialises setters of one quota, so the audit's "before" is the value each one really replaced.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`quota ${key.join(' ')}`]);
      const [before]: QuotaRow[] = await tx.query(
        `SELECT ${quotaColumns} FROM quotas q WHERE q.owner_id = $1 AND q.team_id = $2 AND q.period_kind = $3
            AND q.period_start = $4::date`,
        key,
      );
      const [row]: QuotaRow[] = await tx.query(
        `INSERT INTO quotas AS q (id, owner_id, team_id, period_kind, period_start, amount, currency, set_by, set_at)
         VALUES ($5, $1, $2, $3, $4, $6, $7, $8, now())
         ON CONFLICT (owner_id, team_id, period_kind, period_start)
           DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, set_by = EXCLUDED.set_by,
             set_at = EXCLUDED.set_at
         RETURNING ${quotaColumns}`,
        [...key, randomUUID(), amount, this.companyCurrency, actor.id],
      );
      await audit(
        tx,
        actor,
        before ? 'quota.changed' : 'quota.set',
        { type: 'quota', id: row.id },
        [
          {
            field: 'amount',
            before: before ? `${before.amount} ${before.currency}` : null,
            after: `${row.amount} ${row.currency}`,
          },
        ],
        { ownerId, teamId, period: period.label },
      );
      return row;
    });
  }

  /** The quotas the actor may see (their own; a manager their teams'; finance, auditors, crm-admin all). */
  async list(
    filter: QuotaFilter,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<CountablePage<QuotaRow>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (![Roles.admin, Roles.finance, Roles.auditor].some((r) => has(actor, r))) {
      const teams = has(actor, Roles.salesManager) ? actor.teams : [];
      where.push(`(q.owner_id = ${p(actor.id)}::uuid OR q.team_id = ANY(${p(teams)}::text[]))`);
    }
    if (filter.ownerId) {
      if (!isUuid(filter.ownerId)) throw InputError.single(['ownerId'], 'uuid', 'must be a UUID');
      where.push(`q.owner_id = ${p(filter.ownerId)}::uuid`);
    }
    if (filter.teamId) where.push(`q.team_id = ${p(filter.teamId)}`);
    if (filter.period) {
      where.push(`q.period_kind = ${p(filter.period.kind)} AND q.period_start = ${p(filter.period.start)}::date`);
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countSql = `SELECT 1 FROM quotas q ${condition}`;
    const countParams = [...params];
    if (after) {
      const [periodStart, id] = decodeCursor(after, 2);
      where.push(`(q.period_start, q.id) < (${p(periodStart)}::date, ${p(id)}::uuid)`);
    }
    const rows: QuotaRow[] = await this.dataSource.query(
      `SELECT ${quotaColumns} FROM quotas q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY q.period_start DESC, q.id DESC LIMIT ${limit + 1}`,
      params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.periodStart, r.id]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }
}
