import { validateAssignmentRule, type TicketAssignmentRuleInput } from './ticket-assignment-rule-input';
import { refusedFields } from './refused-fields';

const agentA = '0b7c1f7e-4a39-4d7e-9a36-6f0f1f2a0c11';
const agentB = '5d0f7c1e-2b8a-4f6e-8c3d-1a2b3c4d5e6f';

function input(overrides: Partial<TicketAssignmentRuleInput> = {}): TicketAssignmentRuleInput {
  return {
    name: ' Billing ',
    position: 10,
    teamId: 'service',
    strategy: 'least_loaded',
    match: { categories: ['billing', 'Refunds'], skills: ['mandarin'], complaint: null, priority: 'urgent' },
    members: [
      { agentId: agentA.toUpperCase(), skills: ['mandarin', 'sap'] },
      { agentId: agentB, skills: null },
    ],
    ...overrides,
  };
}

describe('ticket assignment rule input', () => {
  it('normalizes a valid rule: trimmed, lower-case ids, absent lists empty, active by default', () => {
    expect(validateAssignmentRule(input())).toEqual({
      name: 'Billing',
      position: 10,
      teamId: 'service',
      strategy: 'least_loaded',
      match: { categories: ['billing', 'Refunds'], skills: ['mandarin'], complaint: null, priority: 'urgent' },
      members: [
        { agentId: agentA, skills: ['mandarin', 'sap'] },
        { agentId: agentB, skills: [] },
      ],
      active: true,
    });
    expect(validateAssignmentRule(input({ match: null, active: false })).match).toEqual({
      categories: [],
      skills: [],
      complaint: null,
      priority: null,
    });
  });

  it.each<[string, Partial<TicketAssignmentRuleInput>, [string, string][]]>([
    ['a blank name', { name: '  ' }, [['input.name', 'required']]],
    ['a long name', { name: 'x'.repeat(101) }, [['input.name', 'maxLength']]],
    ['a negative position', { position: -1 }, [['input.position', 'range']]],
    ['a fractional position', { position: 1.5 }, [['input.position', 'range']]],
    ['no team', { teamId: ' ' }, [['input.teamId', 'required']]],
    ['an unknown strategy', { strategy: 'territory' }, [['input.strategy', 'oneOf']]],
    ['an unknown priority', { match: { priority: 'critical' } }, [['input.match.priority', 'oneOf']]],
    ['a blank category', { match: { categories: ['billing', ' '] } }, [['input.match.categories[1]', 'required']]],
    [
      'a category listed twice in other case',
      { match: { categories: ['billing', 'BILLING'] } },
      [['input.match.categories[1]', 'unique']],
    ],
    ['a long skill', { match: { skills: ['s'.repeat(65)] } }, [['input.match.skills[0]', 'maxLength']]],
    ['no members', { members: [] }, [['input.members', 'required']]],
    ['a member who is not a user id', { members: [{ agentId: 'agent1' }] }, [['input.members[0].agentId', 'uuid']]],
    [
      'a member listed twice',
      { members: [{ agentId: agentA }, { agentId: agentA.toUpperCase() }] },
      [['input.members[1].agentId', 'unique']],
    ],
    [
      'a member’s blank skill',
      { members: [{ agentId: agentA, skills: [''] }] },
      [['input.members[0].skills[0]', 'required']],
    ],
  ])('refuses %s, naming the field and the rule', (_, overrides, expected) => {
    expect(refusedFields(() => validateAssignmentRule(input(overrides)))).toEqual(expected);
  });

  it('names every bad field at once', () => {
    expect(refusedFields(() => validateAssignmentRule(input({ name: '', teamId: '', members: [] })))).toEqual([
      ['input.name', 'required'],
      ['input.teamId', 'required'],
      ['input.members', 'required'],
    ]);
  });
});
