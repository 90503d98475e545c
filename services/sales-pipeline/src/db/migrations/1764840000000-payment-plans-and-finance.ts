import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment plans (回款): a contract's instalments, receipts and finance's payments and invoices; and the finance change
 * feed, stamped by triggers with the writing transaction's id so an ERP can page through it without missing a row.
 */
export class PaymentPlansAndFinance1764840000000 implements MigrationInterface {
  name = 'PaymentPlansAndFinance1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_plans (
        contract_id uuid PRIMARY KEY REFERENCES contracts (id),
        version int NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // status is the state as of the last write or notice run; readers recompute it for today (it moves with time).
    await q.query(`
      CREATE TABLE instalments (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts (id),
        sequence int NOT NULL CHECK (sequence >= 1),
        due_on date NOT NULL,
        amount numeric(19, 4) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'due_soon', 'partially_paid', 'paid', 'overdue')),
        due_notice_sent_at timestamptz,
        overdue_notice_sent_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (contract_id, sequence)
      )`);
    await q.query(`CREATE INDEX instalments_open_by_due_date ON instalments (due_on) WHERE status <> 'paid'`);
    // The defence behind the application's lock-and-check: at commit, the plan is re-summed under the contract's row
    // lock (a fresh snapshot once the lock is ours), so two racing writers can never both pass the contract value.
    // NO KEY UPDATE: it must not deadlock with the KEY SHARE lock a racing writer's foreign key check holds.
    await q.query(`
      CREATE FUNCTION instalments_within_contract_value() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        contract_id_ uuid;
        cap numeric;
        cap_currency char(3);
        total numeric;
        mixed int;
      BEGIN
        IF TG_TABLE_NAME = 'contracts' THEN contract_id_ := NEW.id; ELSE contract_id_ := NEW.contract_id; END IF;
        SELECT value, currency INTO cap, cap_currency FROM contracts WHERE id = contract_id_ FOR NO KEY UPDATE;
        SELECT coalesce(sum(amount), 0), count(*) FILTER (WHERE currency <> cap_currency)
          INTO total, mixed FROM instalments WHERE contract_id = contract_id_;
        IF total > cap OR mixed > 0 THEN
          RAISE EXCEPTION 'instalments of contract % add up to % %, above its value % %',
            contract_id_, total, cap_currency, cap, cap_currency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'instalments_within_contract_value';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER instalments_within_contract_value AFTER INSERT OR UPDATE ON instalments
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION instalments_within_contract_value()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER contract_value_covers_instalments AFTER UPDATE OF value, currency ON contracts
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION instalments_within_contract_value()`);
    // One table for receipts (a user records money received) and finance's payments (ERP write-back): the reference
    // of a write-back is unique per calling client, forever (idempotency keys are pruned after days).
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts (id),
        instalment_id uuid REFERENCES instalments (id),
        source text NOT NULL CHECK (source IN ('receipt', 'finance')),
        caller text NOT NULL,
        external_reference text CHECK (length(external_reference) BETWEEN 1 AND 200),
        amount numeric(19, 4) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        received_on date NOT NULL,
        received_at timestamptz,
        recorded_at timestamptz NOT NULL,
        CHECK ((source = 'finance') = (external_reference IS NOT NULL)),
        UNIQUE (caller, external_reference)
      )`);
    await q.query(`CREATE INDEX payments_by_instalment ON payments (instalment_id) WHERE instalment_id IS NOT NULL`);
    await q.query(`CREATE INDEX payments_by_contract ON payments (contract_id)`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts (id),
        instalment_id uuid REFERENCES instalments (id),
        caller text NOT NULL,
        external_reference text NOT NULL CHECK (length(external_reference) BETWEEN 1 AND 200),
        amount numeric(19, 4) NOT NULL CHECK (amount > 0),
        currency char(3) NOT NULL,
        issued_on date NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (caller, external_reference)
      )`);
    await q.query(`CREATE INDEX invoices_by_contract ON invoices (contract_id)`);
    // The finance change feed: one row per change of a won deal, contract, invoice or payment, stamped with the
    // writing transaction's id (xid8) and a sequence. Readers hand out only rows of transactions older than their
    // snapshot's xmin, which are all finished: a row that commits later always sorts after every row handed out.
    await q.query(`CREATE SEQUENCE finance_change_seq`);
    await q.query(`
      CREATE TABLE finance_changes (
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        seq bigint NOT NULL DEFAULT nextval('finance_change_seq'),
        kind text NOT NULL CHECK (kind IN ('won_deal', 'contract', 'invoice', 'payment')),
        entity_id uuid NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (xid, seq)
      )`);
    await q.query(`CREATE INDEX finance_changes_by_time ON finance_changes (changed_at)`);
    await q.query(`
      CREATE FUNCTION record_finance_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'opportunities' THEN
          IF NEW.status = 'won' OR (TG_OP = 'UPDATE' AND OLD.status = 'won') THEN
            INSERT INTO finance_changes (kind, entity_id) VALUES ('won_deal', NEW.id);
          END IF;
        ELSE
          INSERT INTO finance_changes (kind, entity_id) VALUES (TG_ARGV[0], NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, kind] of [
      ['opportunities', 'won_deal'],
      ['contracts', 'contract'],
      ['invoices', 'invoice'],
      ['payments', 'payment'],
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_finance_change AFTER INSERT OR UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION record_finance_change('${kind}')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['opportunities', 'contracts', 'invoices', 'payments']) {
      await q.query(`DROP TRIGGER ${table}_finance_change ON ${table}`);
    }
    await q.query(`DROP FUNCTION record_finance_change()`);
    await q.query(`DROP TABLE finance_changes`);
    await q.query(`DROP SEQUENCE finance_change_seq`);
    await q.query(`DROP TRIGGER contract_value_covers_instalments ON contracts`);
    for (const table of ['invoices', 'payments', 'instalments', 'payment_plans']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP FUNCTION instalments_within_contract_value()`);
  }
}
