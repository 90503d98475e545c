import { brokenRules } from './caught-rule-error';
import type { ForecastFigures } from './forecast';
import { applyAdjustment, validateAdjustment } from './forecast-adjustment';
import { money } from './money';

const cny = (amount: string) => ({ amount, currency: 'CNY' });
const team: ForecastFigures = {
  closed: cny('12100.00'),
  commit: cny('26600.00'),
  bestCase: cny('29016.64'),
  pipeline: cny('26916.64'),
  weightedPipeline: cny('13808.32'),
};
const at = new Date('2026-03-10T09:00:00Z');

describe('forecast adjustment', () => {
  it('keeps the team figures as they are and shows the manager call beside them', () => {
    const adjusted = applyAdjustment('east', team, {
      commit: money('30000', 'CNY'),
      bestCase: null,
      by: 'mgr-1',
      at,
      note: 'big renewal expected',
    });
    expect(adjusted.figures).toBe(team);
    expect(adjusted.figures.commit).toEqual(cny('26600.00'));
    expect(adjusted.adjusted).toEqual({
      commit: money('30000', 'CNY'),
      bestCase: cny('29016.64'),
      by: 'mgr-1',
      at,
      note: 'big renewal expected',
    });
  });

  it('shows no adjustment when the manager made none', () => {
    expect(applyAdjustment('east', team, null)).toEqual({ teamId: 'east', figures: team, adjusted: null });
  });

  it('reads an adjustment in the company currency', () => {
    expect(validateAdjustment({ commit: { amount: '30000.50', currency: 'CNY' }, note: '  renewal  ' }, 'CNY')).toEqual(
      { commit: money('30000.5', 'CNY'), bestCase: null, note: 'renewal' },
    );
  });

  it.each([
    [{ commit: { amount: '1', currency: 'USD' } }, ['commit', 'currency'], 'company_currency'],
    [{ commit: { amount: '-1', currency: 'CNY' } }, ['commit', 'amount'], 'min'],
    [
      { commit: { amount: '10', currency: 'CNY' }, bestCase: { amount: '9.99', currency: 'CNY' } },
      ['bestCase'],
      'at_least_commit',
    ],
    [{ commit: { amount: '10.005', currency: 'CNY' } }, ['commit', 'amount'], 'fraction_digits'],
    [{ note: 'nothing set' }, ['commit'], 'required'],
    [{ commit: { amount: '1', currency: 'CNY' }, note: 'x'.repeat(2001) }, ['note'], 'max_length'],
  ])('refuses %j, naming %j (%s)', (input, path, rule) => {
    expect(brokenRules(() => validateAdjustment(input, 'CNY'))).toEqual([{ path, rule }]);
  });
});
