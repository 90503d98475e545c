import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quotes, versioned per deal, with the line items snapshotted at creation (quote_lines); at most one contract per
 * quote; and the sequence behind generated contract numbers (CT-YYYY-NNNNNN).
 */
export class Quotes1764830000000 implements MigrationInterface {
  name = 'Quotes1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id),
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL
          CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'accepted', 'declined', 'superseded')),
        currency char(3) NOT NULL,
        total numeric(19, 4) NOT NULL CHECK (total >= 0),
        max_discount_percent numeric(7, 4) NOT NULL CHECK (max_discount_percent BETWEEN 0 AND 100),
        needs_approval boolean NOT NULL DEFAULT false,
        valid_until date NOT NULL,
        notes text CHECK (notes IS NULL OR length(notes) <= 4000),
        submitted_by text,
        submitted_at timestamptz,
        decided_by text,
        decided_at timestamptz,
        decision_comment text,
        accepted_by text,
        accepted_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        -- Bumped by every change: the aggregate version of the quote's events.
        revision int NOT NULL DEFAULT 1,
        UNIQUE (opportunity_id, version)
      )`);
    await q.query(`CREATE INDEX quotes_awaiting_approval ON quotes (submitted_at, id) WHERE status = 'submitted'`);
    await q.query(`
      CREATE TABLE quote_lines (
        quote_id uuid NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
        position int NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        quantity numeric(19, 4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(19, 4) NOT NULL CHECK (unit_price >= 0),
        currency char(3) NOT NULL,
        discount_percent numeric(7, 4) NOT NULL CHECK (discount_percent BETWEEN 0 AND 100),
        line_total numeric(19, 4) NOT NULL,
        PRIMARY KEY (quote_id, position)
      )`);
    await q.query(`CREATE UNIQUE INDEX contracts_one_per_quote ON contracts (quote_id) WHERE quote_id IS NOT NULL`);
    await q.query(`CREATE INDEX contracts_newest_first ON contracts (created_at DESC, id DESC)`);
    await q.query(`CREATE SEQUENCE contract_number_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE contract_number_seq`);
    await q.query(`DROP INDEX contracts_newest_first`);
    await q.query(`DROP INDEX contracts_one_per_quote`);
    await q.query(`DROP TABLE quote_lines`);
    await q.query(`DROP TABLE quotes`);
  }
}
