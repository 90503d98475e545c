import { Roles, type Actor } from '@crm/platform/auth';
import { assignmentTeamsOf, mayAssign, mayConfigureAssignment } from './assignment-access';

const actor = (id: string, roles: string[], teams: string[]): Actor => ({ id, requestId: 'r', roles, teams });
const admin = actor('admin', [Roles.admin], []);
const manager = actor('manager', [Roles.serviceManager], ['service']);
const otherManager = actor('other-manager', [Roles.serviceManager], ['vip-service']);
const salesManager = actor('sales-manager', [Roles.salesManager], ['service']);
const agent = actor('agent', [Roles.serviceAgent], ['service']);
const auditor = actor('auditor', [Roles.auditor], ['service']);

describe('assignment access', () => {
  it.each<[string, Actor, boolean]>([
    ['crm-admin', admin, true],
    ['a service manager of the team', manager, true],
    ['a service manager of another team', otherManager, false],
    ['a sales manager in the team', salesManager, false],
    ['an agent of the team', agent, false],
    ['an auditor', auditor, false],
  ])('rules of the service queue: %s may configure them: %s', (_, who, expected) => {
    expect(mayConfigureAssignment(who, 'service')).toBe(expected);
  });

  it('lists every team’s rules to crm-admin, a manager’s own teams’ to a manager, none to others', () => {
    expect(assignmentTeamsOf(admin)).toBeNull();
    expect(assignmentTeamsOf(manager)).toEqual(['service']);
    expect(assignmentTeamsOf(agent)).toEqual([]);
  });

  const unassigned = { teamId: 'service', agentId: null };
  const agents = { teamId: 'service', agentId: 'agent' };
  it.each<[string, Actor, { teamId: string; agentId: string | null }, string | null, boolean]>([
    ['crm-admin assigns any ticket', admin, agents, 'someone', true],
    ['a manager assigns a ticket of their team', manager, agents, 'someone', true],
    ['a manager returns a ticket of their team to the queue', manager, agents, null, true],
    ['a manager of another team', otherManager, unassigned, 'someone', false],
    ['an agent claims an unassigned ticket of their queue', agent, unassigned, 'agent', true],
    ['an agent hands an unassigned ticket to someone else', agent, unassigned, 'someone', false],
    ['an agent hands their own ticket on', agent, agents, 'someone', false],
    ['an agent gives back their own ticket', agent, agents, null, true],
    ['an agent gives back someone else’s ticket', agent, { teamId: 'service', agentId: 'someone' }, null, false],
    ['an agent claims a ticket already assigned', agent, { teamId: 'service', agentId: 'someone' }, 'agent', false],
    ['an agent claims from another queue', agent, { teamId: 'vip-service', agentId: null }, 'agent', false],
    ['an auditor', auditor, unassigned, 'auditor', false],
  ])('%s: %s', (_, who, ticket, newAgent, expected) => {
    expect(mayAssign(who, ticket, newAgent)).toBe(expected);
  });
});
