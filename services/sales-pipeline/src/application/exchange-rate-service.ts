import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { idempotentCreate } from '@crm/platform/idempotency';
import { boundedCount, decodeCursor, pageSize, toPage, type CountablePage } from '@crm/platform/pagination';
import { parseCalendarDate } from '../domain/calendar-date';
import { validateExchangeRate, type ExchangeRate } from '../domain/exchange-rates';
import { parseCurrency } from '../domain/money';
import { requireRateMaintainer } from '../policy/forecast-access';

/** A stored rate: 1 `currency` = `rate` company currency from `effectiveOn` on. */
export interface ExchangeRateRow extends ExchangeRate {
  id: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface RecordExchangeRateInput {
  currency: string;
  rate: string;
  effectiveOn: string;
  idempotencyKey?: string | null;
}

// trim_scale: the rate as finance wrote it ('7.1', not numeric(24,10)'s '7.1000000000').
const rateColumns = `id, currency, company_currency AS "companyCurrency", trim_scale(rate)::text AS rate,
  to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/** Dated exchange rates to the company currency: maintained by finance and crm-admin, read by everyone. */
export class ExchangeRateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly companyCurrency: string,
    private readonly exactCountUpTo: number,
  ) {}

  /** Adds the rate of a day, or corrects it (an audited update: the day's earlier rate is in the audit log). */
  async record(input: RecordExchangeRateInput, actor: Actor): Promise<ExchangeRateRow> {
    requireRateMaintainer(actor);
    const rate = validateExchangeRate({ ...input, companyCurrency: this.companyCurrency });
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        { caller: actor.id, key: idempotencyKey, operation: 'recordExchangeRate', payload },
        () => this.upsert(tx, rate, actor),
        (row) => row.id,
        async (id) => (await this.byId(tx, id))!,
      ),
    );
  }

  private async upsert(tx: EntityManager, rate: ExchangeRate, actor: Actor): Promise<ExchangeRateRow> {
    const key = [rate.currency, rate.companyCurrency, rate.effectiveOn];
    const inserted: ExchangeRateRow[] = await tx.query(
      `INSERT INTO exchange_rates (id, currency, company_currency, rate, effective_on, recorded_by, recorded_at)
       VALUES ($4, $1, $2, $5, $3, $6, now()) ON CONFLICT (currency, company_currency, effective_on) DO NOTHING
       RETURNING ${rateColumns}`,
      [...key, randomUUID(), rate.rate, actor.id],
    );
    if (inserted.length) {
      const row = inserted[0];
      await audit(tx, actor, 'exchange_rate.recorded', { type: 'exchange_rate', id: row.id }, [], {
        currency: row.currency,
        companyCurrency: row.companyCurrency,
        rate: row.rate,
        effectiveOn: row.effectiveOn,
      });
      return row;
    }
    // The day has a rate already (perhaps committed by a concurrent call just now): this is a correction.
    const [current]: ExchangeRateRow[] = await tx.query(
      `SELECT ${rateColumns} FROM exchange_rates
        WHERE currency = $1 AND company_currency = $2 AND effective_on = $3::date FOR UPDATE`,
      key,
    );
    if (current.rate === rate.rate) return current;
    const [updated]: ExchangeRateRow[] = await tx.query(
      // In a CTE so that the driver returns the rows (a bare UPDATE answers [rows, count]).
      `WITH updated AS (UPDATE exchange_rates SET rate = $2, recorded_by = $3, recorded_at = now() WHERE id = $1
         RETURNING *) SELECT ${rateColumns} FROM updated`,
      [current.id, rate.rate, actor.id],
    );
    await audit(
      tx,
      actor,
      'exchange_rate.corrected',
      { type: 'exchange_rate', id: current.id },
      [{ field: 'rate', before: current.rate, after: updated.rate }],
      { currency: current.currency, effectiveOn: current.effectiveOn },
    );
    return updated;
  }

  private async byId(manager: EntityManager, id: string): Promise<ExchangeRateRow | null> {
    const [row]: ExchangeRateRow[] = await manager.query(`SELECT ${rateColumns} FROM exchange_rates WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** The company currency's rates, newest date first (one currency, or all by code within a date). */
  async list(
    currencyInput: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<ExchangeRateRow>> {
    const limit = pageSize(first);
    const params: unknown[] = [this.companyCurrency];
    const where = ['company_currency = $1'];
    if (currencyInput !== null && currencyInput !== undefined) {
      params.push(parseCurrency(currencyInput, ['currency']));
      where.push(`currency = $${params.length}`);
    }
    const countSql = `SELECT 1 FROM exchange_rates WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [effectiveOn, currency] = decodeCursor(after, 2);
      params.push(effectiveOn, currency);
      const [d, c] = [`$${params.length - 1}::date`, `$${params.length}`];
      where.push(`(effective_on < ${d} OR (effective_on = ${d} AND currency > ${c}))`);
    }
    const rows: ExchangeRateRow[] = await this.dataSource.query(
      `SELECT ${rateColumns} FROM exchange_rates WHERE ${where.join(' AND ')}
        ORDER BY effective_on DESC, currency LIMIT ${limit + 1}`,
      params,
    );
    return {
      ...toPage(rows, limit, (r) => [r.effectiveOn, r.currency]),
      count: (bound) => boundedCount(this.dataSource, countSql, countParams, bound ?? this.exactCountUpTo),
    };
  }

  /** The rate in force on `date` (the latest effective on or before it), or null when finance has none yet. */
  async on(currencyInput: string, dateInput: string): Promise<ExchangeRateRow | null> {
    const currency = parseCurrency(currencyInput, ['currency']);
    const date = parseCalendarDate(dateInput, ['date']);
    if (currency === this.companyCurrency) {
      throw InputError.single(['currency'], 'not_company_currency', `${currency} is the company currency: it is 1`);
    }
    const [row]: ExchangeRateRow[] = await this.dataSource.query(
      `SELECT ${rateColumns} FROM exchange_rates WHERE currency = $1 AND company_currency = $2 AND effective_on <= $3
        ORDER BY effective_on DESC LIMIT 1`,
      [currency, this.companyCurrency, date],
    );
    return row ?? null;
  }

  /**
   * Every rate of `currencies` a conversion on a day from `from` to `to` may use (the one in force on `from` and the
   * later ones up to `to`): one statement.
   */
  async ratesBetween(manager: EntityManager, currencies: string[], from: string, to: string): Promise<ExchangeRate[]> {
    const others = [...new Set(currencies)].filter((c) => c !== this.companyCurrency);
    if (!others.length) return [];
    return manager.query(
      `SELECT r.currency, r.company_currency AS "companyCurrency", trim_scale(r.rate)::text AS rate,
              to_char(r.effective_on, 'YYYY-MM-DD') AS "effectiveOn"
         FROM exchange_rates r
        WHERE r.currency = ANY($1::text[]) AND r.company_currency = $2 AND r.effective_on <= $4::date
          AND r.effective_on >= COALESCE((SELECT max(e.effective_on) FROM exchange_rates e
                                           WHERE e.currency = r.currency AND e.company_currency = r.company_currency
                                             AND e.effective_on <= $3::date), '-infinity'::date)`,
      [others, this.companyCurrency, from, to],
    );
  }
}
