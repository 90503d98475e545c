import { brokenRules } from './caught-rule-error';
import {
  assignWith,
  chooseRule,
  leastLoaded,
  roundRobinNext,
  validateAssignmentRule,
  type AssignmentRule,
} from './lead-assignment';
import { PreconditionError } from '@crm/platform/errors';

const rule = (change: Partial<AssignmentRule>): AssignmentRule => ({
  id: 'r',
  priority: 100,
  match: {},
  strategy: 'round_robin',
  teamId: 'inbound',
  members: ['ann', 'bob', 'cai'],
  ...change,
});

const rules = [
  rule({ id: 'catch-all', priority: 1000 }),
  rule({
    id: 'east-finance',
    priority: 10,
    strategy: 'territory',
    match: { regions: ['East'], industries: ['finance'] },
  }),
  rule({ id: 'east', priority: 20, strategy: 'territory', match: { regions: ['east'] } }),
  rule({ id: 'webform', priority: 20, strategy: 'least_loaded', match: { sources: ['web_form'] } }),
];

describe('lead assignment', () => {
  it.each([
    [{ region: 'east', industry: 'Finance', source: 'web_form' }, 'east-finance'],
    [{ region: 'EAST ', industry: 'retail', source: 'web_form' }, 'east'],
    // equal priority 20: ties by id, 'east' < 'webform'
    [{ region: 'east', industry: null, source: 'web_form' }, 'east'],
    [{ region: 'west', industry: 'finance', source: 'web_form' }, 'webform'],
    [{ region: null, industry: null, source: 'csv' }, 'catch-all'],
  ])('routes %j by rule %s', (lead, id) => {
    expect(chooseRule(rules, lead)?.id).toBe(id);
  });

  it('chooses no rule when none fits', () => {
    expect(chooseRule(rules.slice(1), { region: 'west', industry: null, source: 'csv' })).toBeNull();
  });

  it.each([
    [null, 'ann'],
    ['ann', 'bob'],
    ['bob', 'cai'],
    ['cai', 'ann'],
    ['left-the-team', 'ann'],
  ])('round robin after %s gives %s', (last, next) => {
    expect(roundRobinNext(['ann', 'bob', 'cai'], last)).toBe(next);
  });

  it.each([
    [{ ann: 3, bob: 1, cai: 2 }, 'bob'],
    [{ ann: 2, bob: 2, cai: 2 }, 'ann'],
    [{ ann: 2, bob: 1, cai: 1 }, 'bob'],
    [{ ann: 5, bob: 4 }, 'cai'],
    [{}, 'ann'],
  ])('least loaded with %j gives %s', (counts, member) => {
    expect(leastLoaded(['ann', 'bob', 'cai'], counts)).toBe(member);
  });

  it('refuses to assign within a rule without members', () => {
    expect(() => roundRobinNext([], null)).toThrow(PreconditionError);
    expect(() => leastLoaded([], {})).toThrow(PreconditionError);
  });

  it('assigns with the strategy of the rule', () => {
    const state = { lastAssignedId: 'ann', openLeadCounts: { ann: 0, bob: 5, cai: 5 } };
    expect(assignWith(rule({ strategy: 'round_robin' }), state)).toBe('bob');
    expect(assignWith(rule({ strategy: 'territory' }), state)).toBe('bob');
    expect(assignWith(rule({ strategy: 'least_loaded' }), state)).toBe('ann');
  });

  it('reads a rule an admin saves', () => {
    expect(
      validateAssignmentRule({
        id: 'east',
        priority: 5,
        strategy: 'territory',
        teamId: 'east-sales',
        match: { regions: ['east', 'east '] },
        members: ['ann', 'bob'],
      }),
    ).toEqual({
      id: 'east',
      priority: 5,
      strategy: 'territory',
      teamId: 'east-sales',
      match: { regions: ['east'], industries: undefined, sources: undefined },
      members: ['ann', 'bob'],
    });
  });

  it.each([
    [{ priority: -1 }, ['priority'], 'priority'],
    [{ priority: 1.5 }, ['priority'], 'priority'],
    [{ strategy: 'random' }, ['strategy'], 'enum'],
    [{ members: [] }, ['members'], 'required'],
    [{ members: ['ann', 7] }, ['members'], 'type'],
    [{ teamId: '' }, ['teamId'], 'required'],
    [{ strategy: 'territory', match: { sources: ['web'] } }, ['match'], 'territory'],
    [{ match: { regions: 'east' } }, ['match', 'regions'], 'type'],
  ])('refuses a rule with %j, naming %j (%s)', (change, path, rule) => {
    const input = {
      id: 'r1',
      priority: 1,
      strategy: 'round_robin',
      teamId: 't',
      match: {},
      members: ['ann'],
      ...change,
    };
    expect(brokenRules(() => validateAssignmentRule(input))).toEqual([{ path, rule }]);
  });
});
