// The exchange rates the benchmarks' deals need: their USD and EUR amounts convert to the company currency, CNY.
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/** Yesterday's USD and EUR rates to CNY, into a migrated sales database. */
export async function insertBenchExchangeRates(client: Client): Promise<void> {
  for (const [currency, rate] of [
    ['USD', '7.1'],
    ['EUR', '7.8'],
  ]) {
    await client.query(
      `INSERT INTO exchange_rates (id, currency, company_currency, rate, effective_on, recorded_by, recorded_at)
       VALUES ($1, $2, 'CNY', $3, current_date - 1, 'bench', now())`,
      [randomUUID(), currency, rate],
    );
  }
}
