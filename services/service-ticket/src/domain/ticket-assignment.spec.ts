import {
  chooseRule,
  pickAgent,
  priorityWeights,
  ruleMatches,
  type AssignmentState,
  type RoutingTicket,
  type TicketAssignmentRule,
} from './ticket-assignment';
import { priorities, type TicketPriority } from './sla-policy';

const [ana, bo, cai, dan] = ['ana', 'bo', 'cai', 'dan'];

function rule(overrides: Partial<TicketAssignmentRule> = {}): TicketAssignmentRule {
  return {
    id: 'r1',
    name: 'Service queue',
    position: 10,
    teamId: 'service',
    match: { categories: [], skills: [], complaint: null, priority: null },
    strategy: 'round_robin',
    members: [ana, bo, cai].map((agentId) => ({ agentId, skills: [] })),
    active: true,
    ...overrides,
  };
}

function ticket(overrides: Partial<RoutingTicket> = {}): RoutingTicket {
  return { teamId: 'service', category: 'billing', priority: 'normal', complaint: false, skills: [], ...overrides };
}

const fresh: AssignmentState = { lastAssignedId: null, loads: {} };

describe('ticket assignment rules', () => {
  describe('which rule takes a ticket', () => {
    it.each<[string, Partial<TicketAssignmentRule['match']>, Partial<RoutingTicket>, boolean]>([
      ['an empty match takes any ticket of the team', {}, {}, true],
      [
        'a listed category, compared without case or width',
        { categories: ['Billing'] },
        { category: 'ＢＩＬＬＩＮＧ ' },
        true,
      ],
      ['an unlisted category', { categories: ['returns'] }, {}, false],
      ['the skills the rule is for are all needed', { skills: ['mandarin'] }, { skills: ['Mandarin', 'sap'] }, true],
      ['a ticket not needing the rule’s skill', { skills: ['mandarin', 'sap'] }, { skills: ['sap'] }, false],
      ['complaints only: a complaint', { complaint: true }, { complaint: true }, true],
      ['complaints only: not a complaint', { complaint: true }, {}, false],
      ['no complaints: a complaint', { complaint: false }, { complaint: true }, false],
      ['a priority: the same', { priority: 'urgent' }, { priority: 'urgent' }, true],
      ['a priority: another', { priority: 'urgent' }, { priority: 'high' }, false],
    ])('%s', (_, match, ticketFacts, expected) => {
      expect(ruleMatches(rule({ match: { ...rule().match, ...match } }), ticket(ticketFacts))).toBe(expected);
    });

    it('takes only tickets of its own team’s queue', () => {
      expect(ruleMatches(rule(), ticket({ teamId: 'sales-east' }))).toBe(false);
    });

    it('ignores an inactive rule', () => {
      expect(chooseRule([rule({ active: false })], ticket())).toBeNull();
    });

    it('tries rules by position, then id', () => {
      const rules = [rule({ id: 'b', position: 5 }), rule({ id: 'a', position: 5 }), rule({ id: 'c', position: 1 })];
      expect(chooseRule(rules, ticket())?.id).toBe('c');
      expect(chooseRule(rules.slice(0, 2), ticket())?.id).toBe('a');
    });

    it('passes over a rule none of whose members has the skills the ticket needs', () => {
      const rules = [
        rule({ id: 'first', position: 1 }),
        rule({ id: 'speakers', position: 2, members: [{ agentId: dan, skills: ['mandarin'] }] }),
      ];
      expect(chooseRule(rules, ticket({ skills: ['mandarin'] }))?.id).toBe('speakers');
      expect(chooseRule(rules.slice(0, 1), ticket({ skills: ['mandarin'] }))).toBeNull();
    });
  });

  describe('round robin', () => {
    it('takes the member after the last one assigned, wrapping around', () => {
      expect(pickAgent(rule(), ticket(), fresh)).toBe(ana);
      expect(pickAgent(rule(), ticket(), { ...fresh, lastAssignedId: ana })).toBe(bo);
      expect(pickAgent(rule(), ticket(), { ...fresh, lastAssignedId: cai })).toBe(ana);
    });

    it('starts over when the last one assigned has left the rule', () => {
      expect(pickAgent(rule(), ticket(), { ...fresh, lastAssignedId: dan })).toBe(ana);
    });

    it('skips members without every skill the ticket needs', () => {
      const skilled = rule({
        members: [
          { agentId: ana, skills: ['sap'] },
          { agentId: bo, skills: ['mandarin'] },
          { agentId: cai, skills: ['MANDARIN', 'sap'] },
        ],
      });
      expect(pickAgent(skilled, ticket({ skills: ['mandarin'] }), { ...fresh, lastAssignedId: bo })).toBe(cai);
      expect(pickAgent(skilled, ticket({ skills: ['mandarin'] }), { ...fresh, lastAssignedId: cai })).toBe(bo);
      expect(pickAgent(skilled, ticket({ skills: ['mandarin', 'sap'] }), fresh)).toBe(cai);
      expect(pickAgent(skilled, ticket({ skills: ['french'] }), fresh)).toBeNull();
    });

    it('hands 1,000 tickets out evenly: every member within one of the others', () => {
      const counts: Record<string, number> = {};
      let state = fresh;
      for (let i = 0; i < 1000; i += 1) {
        const agent = pickAgent(rule(), ticket(), state)!;
        counts[agent] = (counts[agent] ?? 0) + 1;
        state = { ...state, lastAssignedId: agent };
      }
      expect(Object.values(counts).sort()).toEqual([333, 333, 334]);
    });
  });

  describe('least loaded', () => {
    const leastLoaded = rule({ strategy: 'least_loaded' });

    it('weighs open tickets by priority', () => {
      expect(priorityWeights).toEqual({ urgent: 4, high: 3, normal: 2, low: 1 });
    });

    it('takes the member with the smallest load', () => {
      expect(pickAgent(leastLoaded, ticket(), { lastAssignedId: null, loads: { ana: 4, bo: 3, cai: 5 } })).toBe(bo);
      expect(pickAgent(leastLoaded, ticket(), { lastAssignedId: null, loads: { ana: 4, bo: 3 } })).toBe(cai);
    });

    it('breaks ties in round-robin turn', () => {
      const loads = { ana: 2, bo: 2, cai: 2 };
      expect(pickAgent(leastLoaded, ticket(), { lastAssignedId: ana, loads })).toBe(bo);
      expect(pickAgent(leastLoaded, ticket(), { lastAssignedId: cai, loads })).toBe(ana);
    });

    it('keeps loads within one urgent ticket of each other over 1,000 tickets of mixed priority', () => {
      const loads: Record<string, number> = {};
      let lastAssignedId: string | null = null;
      for (let i = 0; i < 1000; i += 1) {
        const priority: TicketPriority = priorities[(i * 7) % priorities.length];
        const agent: string = pickAgent(leastLoaded, ticket({ priority }), { lastAssignedId, loads })!;
        loads[agent] = (loads[agent] ?? 0) + priorityWeights[priority];
        lastAssignedId = agent;
        const values = [ana, bo, cai].map((member) => loads[member] ?? 0);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(priorityWeights.urgent);
      }
    });
  });
});
