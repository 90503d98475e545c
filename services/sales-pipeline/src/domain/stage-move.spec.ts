import { caughtRuleError } from './caught-rule-error';
import { checkEntryCriteria, planReopen, planStageMove, type MovableDeal, type MoveStage } from './stage-move';

const qualify: MoveStage = { id: 's1', name: 'Qualify', kind: 'open', probability: '10', entryCriteria: [] };
const proposal: MoveStage = {
  id: 's2',
  name: 'Proposal',
  kind: 'open',
  probability: '50',
  entryCriteria: ['amount', 'expectedCloseDate', 'contactRoles', 'nextStep'],
};
const won: MoveStage = { id: 'sw', name: 'Won', kind: 'won', probability: '100', entryCriteria: ['lineItems'] };
const lost: MoveStage = { id: 'sl', name: 'Lost', kind: 'lost', probability: '0', entryCriteria: [] };

const t0 = new Date('2026-03-01T08:00:00Z');
const now = new Date('2026-03-03T09:30:15Z'); // 2 days 1 h 30 min 15 s later = 172800 + 5400 + 15 = 178215 s
const deal = (change: Partial<MovableDeal> = {}): MovableDeal => ({
  status: 'open',
  stageId: 's1',
  probability: '10',
  probabilityOverridden: false,
  enteredStageAt: t0,
  fields: {
    amount: { amount: '100', currency: 'CNY' },
    expectedCloseDate: '2026-04-30',
    contactRoles: [{ contactId: 'c1', role: 'decision_maker' }],
    nextStep: 'demo',
    lineItems: [{ productId: 'p' }],
  },
  ...change,
});
const request = { actorId: 'rep-1', now };

describe('stage moves', () => {
  it.each([
    [{}, ['amount', 'expectedCloseDate', 'contactRoles', 'nextStep']],
    [{ amount: { amount: '1', currency: 'CNY' }, nextStep: '   ' }, ['expectedCloseDate', 'contactRoles', 'nextStep']],
    [{ amount: null, expectedCloseDate: '2026-04-30', contactRoles: [], nextStep: 'call' }, ['amount', 'contactRoles']],
    [{ ...deal().fields, amount: { amount: '0.00', currency: 'CNY' } }, ['amount']],
    [{ ...deal().fields, amount: '0' }, ['amount']],
    [{ ...deal().fields, amount: '0.01' }, []],
    [deal().fields, []],
  ])('with fields %j the proposal stage misses exactly %j', (fields, missing) => {
    expect(checkEntryCriteria(proposal, fields)).toEqual(missing);
  });

  it('refuses a move with unmet entry criteria as bad input naming each missing field', () => {
    const error = caughtRuleError(() =>
      planStageMove(deal({ fields: { amount: { amount: '1', currency: 'CNY' } } }), qualify, proposal, request),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.violations.map((v) => [v.path, v.rule])).toEqual([
      [['expectedCloseDate'], 'entry_criteria'],
      [['contactRoles'], 'entry_criteria'],
      [['nextStep'], 'entry_criteria'],
    ]);
  });

  it('moves an open deal, takes the stage default probability and records the time spent', () => {
    expect(planStageMove(deal(), qualify, proposal, request)).toEqual({
      status: 'open',
      stageId: 's2',
      probability: '50',
      probabilityOverridden: false,
      lossReason: null,
      closedAt: null,
      history: {
        fromStageId: 's1',
        toStageId: 's2',
        fromStatus: 'open',
        toStatus: 'open',
        movedBy: 'rep-1',
        movedAt: now,
        secondsInPreviousStage: 178215,
        reopenReason: null,
      },
    });
  });

  it("keeps a rep's explicit probability between open stages", () => {
    const plan = planStageMove(deal({ probability: '35', probabilityOverridden: true }), qualify, proposal, request);
    expect([plan.probability, plan.probabilityOverridden]).toEqual(['35', true]);
  });

  it('wins at 100 and clears the override', () => {
    const plan = planStageMove(deal({ probability: '35', probabilityOverridden: true }), proposal, won, request);
    expect(plan).toMatchObject({ status: 'won', probability: '100', probabilityOverridden: false, closedAt: now });
    expect([plan.history.fromStatus, plan.history.toStatus]).toEqual(['open', 'won']);
  });

  it('loses at 0 only with a loss reason', () => {
    expect(planStageMove(deal(), proposal, lost, { ...request, lossReason: ' price ' })).toMatchObject({
      status: 'lost',
      probability: '0',
      lossReason: 'price',
      closedAt: now,
    });
    const error = caughtRuleError(() => planStageMove(deal(), proposal, lost, request));
    expect([error.code, error.violations[0].path, error.violations[0].rule]).toEqual([
      'BAD_USER_INPUT',
      ['lossReason'],
      'required',
    ]);
  });

  it.each(['won', 'lost'] as const)('keeps a %s deal where it is until reopened', (status) => {
    const error = caughtRuleError(() => planStageMove(deal({ status }), won, qualify, request));
    expect([error.code, error.violations[0].rule]).toEqual(['FAILED_PRECONDITION', 'terminal']);
  });

  it('refuses a move into the stage the deal is in', () => {
    expect(caughtRuleError(() => planStageMove(deal(), qualify, qualify, request)).violations[0].rule).toBe(
      'same_stage',
    );
  });

  it('never counts negative time when clocks disagree', () => {
    const plan = planStageMove(deal({ enteredStageAt: new Date(now.getTime() + 5000) }), qualify, proposal, request);
    expect(plan.history.secondsInPreviousStage).toBe(0);
  });

  it('reopens a closed deal into an open stage with a reason, at the stage default probability', () => {
    const closed = deal({ status: 'lost', stageId: 'sl', probability: '0', enteredStageAt: t0 });
    expect(planReopen(closed, proposal, ' customer came back ', request)).toEqual({
      status: 'open',
      stageId: 's2',
      probability: '50',
      probabilityOverridden: false,
      lossReason: null,
      closedAt: null,
      history: {
        fromStageId: 'sl',
        toStageId: 's2',
        fromStatus: 'lost',
        toStatus: 'open',
        movedBy: 'rep-1',
        movedAt: now,
        secondsInPreviousStage: 178215,
        reopenReason: 'customer came back',
      },
    });
  });

  it.each([
    ['without a reason', deal({ status: 'won' }), qualify, '', 'required'],
    ['into a closed stage', deal({ status: 'won' }), lost, 'x', 'open_stage'],
    ['an open deal', deal(), qualify, 'x', 'not_closed'],
    ['into a stage whose criteria are unmet', deal({ status: 'won', fields: {} }), proposal, 'x', 'entry_criteria'],
  ])('refuses to reopen %s', (_case, closed, stage, reason, rule) => {
    expect(caughtRuleError(() => planReopen(closed, stage, reason, request)).violations[0].rule).toBe(rule);
  });
});
