// A manager's adjustment of the team forecast: stored and shown next to the team's figures, never folded into them,
// so the reps' own roll-up stays what their deals say.
import type { ForecastFigures } from './forecast';
import { Exact } from './exact-decimal';
import { compareMoney, minorUnits, parseMoney, type Money } from './money';
import { ViolationCollector } from './rule-errors';

export interface ForecastAdjustment {
  /** Null: the team's own figure stands. */
  commit: Money | null;
  bestCase: Money | null;
  by: string;
  at: Date;
  note: string | null;
}

export interface AdjustedTeamForecast {
  teamId: string;
  /** The team's figures from its deals, unchanged. */
  figures: ForecastFigures;
  /** The manager's call, with their own figure or the team's where they left one out; null without adjustment. */
  adjusted: { commit: Money; bestCase: Money; by: string; at: Date; note: string | null } | null;
}

const maxNoteLength = 2000;

/** Reads a manager's adjustment in the company currency; best case may not be below commit (categories are cumulative). */
export function validateAdjustment(
  input: Record<string, unknown>,
  companyCurrency: string,
): Pick<ForecastAdjustment, 'commit' | 'bestCase' | 'note'> {
  const check = new ViolationCollector();
  const read = (field: 'commit' | 'bestCase'): Money | null => {
    if (input[field] === null || input[field] === undefined) return null;
    const value = check.read(() => parseMoney(input[field], [field]), null);
    if (value !== null && value.currency !== companyCurrency) {
      check.add([field, 'currency'], 'company_currency', `must be in the company currency ${companyCurrency}`);
      return null;
    }
    // Figures are shown in whole minor units; a call below them would be shown as another number than was set.
    if (value !== null && new Exact(value.amount).decimalPlaces() > minorUnits(companyCurrency)) {
      check.add([field, 'amount'], 'fraction_digits', `at most ${minorUnits(companyCurrency)} digits after the point`);
      return null;
    }
    return value;
  };
  const commit = read('commit');
  const bestCase = read('bestCase');
  if (commit === null && bestCase === null && check.violations.length === 0) {
    check.add(['commit'], 'required', 'an adjustment sets commit, best case or both');
  }
  if (commit !== null && bestCase !== null && compareMoney(bestCase, commit) < 0) {
    check.add(['bestCase'], 'at_least_commit', 'best case includes commit, so it cannot be lower');
  }
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null;
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') {
    check.add(['note'], 'type', 'must be text');
  } else if (note !== null && [...note].length > maxNoteLength) {
    check.add(['note'], 'max_length', `at most ${maxNoteLength} characters`);
  }
  check.throwIfAny();
  return { commit, bestCase, note };
}

/** The team's figures with the manager's adjustment beside them. */
export function applyAdjustment(
  teamId: string,
  figures: ForecastFigures,
  adjustment: ForecastAdjustment | null,
): AdjustedTeamForecast {
  if (adjustment === null) return { teamId, figures, adjusted: null };
  return {
    teamId,
    figures,
    adjusted: {
      commit: adjustment.commit ?? figures.commit,
      bestCase: adjustment.bestCase ?? figures.bestCase,
      by: adjustment.by,
      at: adjustment.at,
      note: adjustment.note,
    },
  };
}
