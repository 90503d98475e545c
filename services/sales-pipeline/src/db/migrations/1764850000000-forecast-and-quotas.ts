import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forecasts and quotas: reps' quotas per period, managers' team adjustments (kept apart from the reps' figures), and
 * the roll-ups recorded with the rates they used (one row per snapshot, one per rep/team line, one per rate).
 */
export class ForecastAndQuotas1764850000000 implements MigrationInterface {
  name = 'ForecastAndQuotas1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotas (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        team_id text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start date NOT NULL,
        amount numeric(19, 4) NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        UNIQUE (owner_id, team_id, period_kind, period_start)
      )`);
    await q.query(`CREATE INDEX quotas_by_team_period ON quotas (team_id, period_kind, period_start)`);
    await q.query(`
      CREATE TABLE forecast_adjustments (
        team_id text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start date NOT NULL,
        commit_amount numeric(19, 4),
        best_case_amount numeric(19, 4),
        currency char(3) NOT NULL,
        note text,
        adjusted_by text NOT NULL,
        adjusted_at timestamptz NOT NULL,
        PRIMARY KEY (team_id, period_kind, period_start),
        CHECK (commit_amount IS NOT NULL OR best_case_amount IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE forecast_snapshots (
        id uuid PRIMARY KEY,
        scope_kind text NOT NULL CHECK (scope_kind IN ('owner', 'team')),
        scope_id text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        company_currency char(3) NOT NULL,
        as_of date NOT NULL,
        reason text NOT NULL CHECK (reason IN ('requested', 'adjustment')),
        computed_by text NOT NULL,
        computed_at timestamptz NOT NULL,
        -- The teams a rep's roll-up was limited to (a manager's view); null: not limited.
        reach_teams text[]
      )`);
    await q.query(
      `CREATE INDEX forecast_snapshots_history ON forecast_snapshots
         (scope_kind, scope_id, period_kind, period_start, computed_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE forecast_snapshot_lines (
        snapshot_id uuid NOT NULL REFERENCES forecast_snapshots (id) ON DELETE CASCADE,
        line_kind text NOT NULL CHECK (line_kind IN ('owner', 'team')),
        subject_id text NOT NULL,
        closed numeric(19, 4) NOT NULL,
        commit_amount numeric(19, 4) NOT NULL,
        best_case numeric(19, 4) NOT NULL,
        pipeline numeric(19, 4) NOT NULL,
        weighted_pipeline numeric(19, 4) NOT NULL,
        quota numeric(19, 4),
        adjusted_commit numeric(19, 4),
        adjusted_best_case numeric(19, 4),
        adjusted_by text,
        adjusted_at timestamptz,
        adjustment_note text,
        PRIMARY KEY (snapshot_id, line_kind, subject_id)
      )`);
    await q.query(`
      CREATE TABLE forecast_snapshot_rates (
        snapshot_id uuid NOT NULL REFERENCES forecast_snapshots (id) ON DELETE CASCADE,
        currency char(3) NOT NULL,
        rate numeric(24, 10) NOT NULL,
        effective_on date
      )`);
    await q.query(`CREATE INDEX forecast_snapshot_rates_by_snapshot ON forecast_snapshot_rates (snapshot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'forecast_snapshot_rates',
      'forecast_snapshot_lines',
      'forecast_snapshots',
      'forecast_adjustments',
      'quotas',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
