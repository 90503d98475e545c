import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@crm/platform/idempotency';

/**
 * The tables several capabilities share: idempotency keys of create mutations, finance's dated exchange rates, the
 * product catalogue and price book, a deal's line items and contact roles, and contracts (from an accepted quote;
 * payment plans hang off them).
 */
export class SharedSalesModel1764800100000 implements MigrationInterface {
  name = 'SharedSalesModel1764800100000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of idempotencyMigrationSql.up) await q.query(statement);
    // 1 unit of `currency` = `rate` units of the company currency, from `effective_on` until the next rate.
    await q.query(`
      CREATE TABLE exchange_rates (
        id uuid PRIMARY KEY,
        currency char(3) NOT NULL,
        company_currency char(3) NOT NULL,
        rate numeric(24, 10) NOT NULL CHECK (rate > 0),
        effective_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (currency, company_currency, effective_on),
        CHECK (currency <> company_currency)
      )`);
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX products_code_key ON products (lower(code))`);
    await q.query(`
      CREATE TABLE price_book_entries (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products (id),
        currency char(3) NOT NULL,
        unit_price numeric(19, 4) NOT NULL CHECK (unit_price >= 0),
        active boolean NOT NULL DEFAULT true,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (product_id, currency)
      )`);
    await q.query(`
      CREATE TABLE opportunity_line_items (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        position int NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        quantity numeric(19, 4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(19, 4) NOT NULL CHECK (unit_price >= 0),
        currency char(3) NOT NULL,
        discount_percent numeric(7, 4) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        line_total numeric(19, 4) NOT NULL,
        UNIQUE (opportunity_id, position)
      )`);
    await q.query(`
      CREATE TABLE opportunity_contact_roles (
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL,
        role text NOT NULL CHECK (length(role) BETWEEN 1 AND 60),
        is_primary boolean NOT NULL DEFAULT false,
        PRIMARY KEY (opportunity_id, contact_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX opportunity_contact_roles_one_primary ON opportunity_contact_roles (opportunity_id) WHERE is_primary`,
    );
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id),
        quote_id uuid,
        account_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        team_id text,
        status text NOT NULL CHECK (status IN ('draft', 'signed', 'terminated')),
        value numeric(19, 4) NOT NULL CHECK (value >= 0),
        currency char(3) NOT NULL,
        signed_on date,
        start_on date,
        term_months int CHECK (term_months IS NULL OR term_months BETWEEN 1 AND 600),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'signed') <= (signed_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX contracts_by_opportunity ON contracts (opportunity_id)`);
    await q.query(`CREATE INDEX contracts_by_account ON contracts (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'contracts',
      'opportunity_contact_roles',
      'opportunity_line_items',
      'price_book_entries',
      'products',
      'exchange_rates',
    ])
      await q.query(`DROP TABLE ${table}`);
    for (const statement of idempotencyMigrationSql.down) await q.query(statement);
  }
}
