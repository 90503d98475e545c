import type { EntityManager } from 'typeorm';
import type { MigrationSql } from '../bus';
import type { ImportReport } from './import-report';
import { checkedTableName } from './table-name';

/** The table a service keeps its import fingerprints in, unless its import declares another of the same shape. */
export const DEFAULT_FINGERPRINT_TABLE = 'import_fingerprints';

/**
 * Rows already imported, by content fingerprint, so that re-running a file changes nothing; for a service to run from
 * one of its own migrations: `for (const sql of importFingerprintsMigrationSql().up) await queryRunner.query(sql)`.
 */
export function importFingerprintsMigrationSql(table: string = DEFAULT_FINGERPRINT_TABLE): MigrationSql {
  const name = checkedTableName(table);
  return {
    up: [
      `CREATE TABLE ${name} (
        object_type text NOT NULL,
        fingerprint text NOT NULL,
        record_id uuid NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (object_type, fingerprint)
      )`,
    ],
    down: [`DROP TABLE ${name}`],
  };
}

/** The fingerprints of one kind of record (`object_type`) in a fingerprint table: what makes re-runs idempotent. */
export class ImportFingerprints {
  private readonly table: string;

  constructor(
    private readonly objectType: string,
    table: string = DEFAULT_FINGERPRINT_TABLE,
  ) {
    this.table = checkedTableName(table);
  }

  /**
   * The rows of a batch not imported before, in batch order; the others (already imported, or repeating an earlier
   * row of the batch) are counted unchanged in the report.
   */
  async fresh<R>(tx: EntityManager, rows: R[], fingerprintOf: (row: R) => string, report: ImportReport): Promise<R[]> {
    const known: { fingerprint: string }[] = await tx.query(
      `SELECT fingerprint FROM ${this.table} WHERE object_type = $1 AND fingerprint = ANY($2::text[])`,
      [this.objectType, rows.map(fingerprintOf)],
    );
    const seen = new Set(known.map((k) => k.fingerprint));
    const fresh: R[] = [];
    for (const row of rows) {
      const fingerprint = fingerprintOf(row);
      if (seen.has(fingerprint)) report.unchanged += 1;
      else {
        seen.add(fingerprint);
        fresh.push(row);
      }
    }
    return fresh;
  }

  /** Records what each fingerprint was imported as; in the batch's transaction, so a rolled-back batch records none. */
  async record(tx: EntityManager, imported: { fingerprint: string; id: string }[]): Promise<void> {
    if (!imported.length) return;
    // Sorted, so that two imports of overlapping files take the unique index's locks in one order.
    const sorted = [...imported].sort((a, b) =>
      a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0,
    );
    await tx.query(
      `INSERT INTO ${this.table} (object_type, fingerprint, record_id)
       SELECT $1::text, f, r FROM unnest($2::text[], $3::uuid[]) AS t(f, r) ON CONFLICT DO NOTHING`,
      [this.objectType, sorted.map((f) => f.fingerprint), sorted.map((f) => f.id)],
    );
  }
}
