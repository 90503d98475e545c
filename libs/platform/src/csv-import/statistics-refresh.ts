import type { EntityManager } from 'typeorm';
import { checkedTableName } from './table-name';

/**
 * Keeps the planner's statistics in step with a bulk import. Without it a table that grew from a few rows to hundreds
 * of thousands within one import is still planned as tiny, and the per-batch duplicate lookups turn into scans that
 * slow every batch down as the table grows. ANALYZE runs whenever the table has grown by a quarter since the last one.
 */
export class StatisticsRefresh {
  private rowsAtLastAnalyze = -1;
  private written = 0;

  private readonly table: string;

  constructor(table: string) {
    this.table = checkedTableName(table);
  }

  async afterBatch(manager: EntityManager, rowsWritten: number): Promise<void> {
    this.written += rowsWritten;
    if (this.rowsAtLastAnalyze < 0) {
      const [{ n }]: { n: number }[] = await manager.query(
        `SELECT reltuples::bigint AS n FROM pg_class WHERE relname = $1`,
        [this.table],
      );
      this.rowsAtLastAnalyze = Math.max(0, Number(n));
    }
    if (this.written >= Math.max(1000, this.rowsAtLastAnalyze / 4)) {
      await manager.query(`ANALYZE ${this.table}`);
      this.rowsAtLastAnalyze += this.written;
      this.written = 0;
    }
  }
}
