import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import type { Period } from '../domain/fiscal-period';
import { validateAdjustment } from '../domain/forecast-adjustment';
import { teamAdjustment } from '../db/forecast-rows';
import { requireTeamManager } from '../policy/forecast-access';
import type { ForecastSnapshot, ForecastSnapshots } from './forecast-snapshots';

export interface TeamAdjustmentInput {
  /** Decimal text in the company currency; null or absent: the team's own figure stands. */
  commit?: string | null;
  bestCase?: string | null;
  note?: string | null;
}

/** A manager's call on the team forecast, stored beside the reps' figures and recorded with a snapshot. */
export class TeamForecastAdjustments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: ForecastSnapshots,
    private readonly companyCurrency: string,
  ) {}

  /** Sets the team's adjustment for the period (audited, before and after) and records the adjusted roll-up. */
  async adjust(teamId: string, period: Period, input: TeamAdjustmentInput, actor: Actor): Promise<ForecastSnapshot> {
    const currency = this.companyCurrency;
    const asMoney = (amount: string | null | undefined) =>
      amount === null || amount === undefined ? null : { amount, currency };
    const adjustment = validateAdjustment(
      { commit: asMoney(input.commit), bestCase: asMoney(input.bestCase), note: input.note },
      currency,
    );
    requireTeamManager(actor, teamId, ['teamId']);
    return this.dataSource.transaction(async (tx) => {
      // Serialises adjusters of one team and period, so the audit's "before" is the value each one replaced.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `forecast_adjustment ${teamId} ${period.kind} ${period.start}`,
      ]);
      const before = await teamAdjustment(tx, teamId, period);
      await tx.query(
        `INSERT INTO forecast_adjustments (team_id, period_kind, period_start, commit_amount, best_case_amount,
           currency, note, adjusted_by, adjusted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (team_id, period_kind, period_start) DO UPDATE SET commit_amount = EXCLUDED.commit_amount,
           best_case_amount = EXCLUDED.best_case_amount, currency = EXCLUDED.currency, note = EXCLUDED.note,
           adjusted_by = EXCLUDED.adjusted_by, adjusted_at = EXCLUDED.adjusted_at`,
        [
          teamId,
          period.kind,
          period.start,
          adjustment.commit?.amount ?? null,
          adjustment.bestCase?.amount ?? null,
          currency,
          adjustment.note,
          actor.id,
        ],
      );
      await audit(
        tx,
        actor,
        'forecast.adjusted',
        { type: 'forecast_adjustment', id: `${teamId}/${period.label}` },
        [
          { field: 'commit', before: before?.commit ?? null, after: adjustment.commit?.amount ?? null },
          { field: 'bestCase', before: before?.bestCase ?? null, after: adjustment.bestCase?.amount ?? null },
          { field: 'note', before: before?.note ?? null, after: adjustment.note },
        ],
        { teamId, period: period.label, currency },
      );
      return this.snapshots.record(tx, { kind: 'team', id: teamId }, period, actor, 'adjustment');
    });
  }
}
