// Ticket assignment rules as data: which rule takes a ticket of a team's queue, and which of its members gets it,
// by round robin or by least load (open tickets weighted by priority). Pure: the caller loads the rules, the rule's
// round-robin pointer and the members' open tickets, and stores the new pointer.
import type { TicketPriority } from './sla-policy';

export const assignmentStrategies = ['round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

/** One agent a rule may pick, with the skills they have. */
export interface AssignmentMember {
  agentId: string;
  skills: string[];
}

/** Which tickets of the rule's team it takes: an empty list or null matches any value. */
export interface AssignmentMatch {
  categories: string[];
  /** The rule takes tickets needing every one of these skills. */
  skills: string[];
  complaint: boolean | null;
  priority: TicketPriority | null;
}

export interface TicketAssignmentRule {
  id: string;
  name: string;
  /** Lower is tried first. */
  position: number;
  /** The queue (Keycloak team) whose tickets the rule assigns, among that team's agents. */
  teamId: string;
  match: AssignmentMatch;
  strategy: AssignmentStrategy;
  /** In round-robin order; ties of least loaded follow it too. */
  members: AssignmentMember[];
  active: boolean;
}

/** What the rules look at in a ticket. */
export interface RoutingTicket {
  teamId: string;
  category: string;
  priority: TicketPriority;
  complaint: boolean;
  /** Skills the ticket needs: only members having all of them may get it. */
  skills: string[];
}

/** The weight of one open ticket in an agent's load. */
export const priorityWeights: Record<TicketPriority, number> = { urgent: 4, high: 3, normal: 2, low: 1 };

/** Case, width and surrounding blanks do not make two categories or skills different. */
export const routingKey = (value: string): string => value.normalize('NFKC').trim().toLowerCase();

function covers(have: readonly string[], need: readonly string[]): boolean {
  const keys = new Set(have.map(routingKey));
  return need.every((skill) => keys.has(routingKey(skill)));
}

/** The rule's members who have every skill the ticket needs, in the rule's order. */
export function eligibleMembers(rule: TicketAssignmentRule, ticket: RoutingTicket): AssignmentMember[] {
  return rule.members.filter((member) => covers(member.skills, ticket.skills));
}

/** Whether the rule's match takes the ticket (its team, category, skills, complaint flag and priority). */
export function ruleMatches(rule: TicketAssignmentRule, ticket: RoutingTicket): boolean {
  const { match } = rule;
  return (
    rule.active &&
    rule.teamId === ticket.teamId &&
    (match.categories.length === 0 || match.categories.some((c) => routingKey(c) === routingKey(ticket.category))) &&
    covers(ticket.skills, match.skills) &&
    (match.complaint === null || match.complaint === ticket.complaint) &&
    (match.priority === null || match.priority === ticket.priority)
  );
}

/**
 * The first active rule, by position then id, that takes the ticket and has a member with the skills it needs; null
 * when none does (the ticket waits in its queue for a claim or a manager).
 */
export function chooseRule(rules: readonly TicketAssignmentRule[], ticket: RoutingTicket): TicketAssignmentRule | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return ordered.find((rule) => ruleMatches(rule, ticket) && eligibleMembers(rule, ticket).length > 0) ?? null;
}

/** Members in turn order: those after the last one assigned first, wrapping around (all of them, in order, if gone). */
function inTurnOrder(members: AssignmentMember[], rule: TicketAssignmentRule, lastAssignedId: string | null) {
  const start = rule.members.findIndex((m) => m.agentId === lastAssignedId) + 1;
  const position = (member: AssignmentMember) => {
    const index = rule.members.indexOf(member);
    return (index - start + rule.members.length) % rule.members.length;
  };
  return [...members].sort((a, b) => position(a) - position(b));
}

export interface AssignmentState {
  /** The rule's round-robin pointer: the agent it gave the last ticket to. */
  lastAssignedId: string | null;
  /** Least loaded only: each member's load, their open tickets weighted by priorityWeights; absent = 0. */
  loads: Record<string, number>;
}

/**
 * The agent the rule gives the ticket to: round robin takes the next eligible member after the last one assigned;
 * least loaded the eligible member with the smallest load, ties in round-robin turn. Null when no member has the
 * skills the ticket needs.
 */
export function pickAgent(rule: TicketAssignmentRule, ticket: RoutingTicket, state: AssignmentState): string | null {
  const turns = inTurnOrder(eligibleMembers(rule, ticket), rule, state.lastAssignedId);
  if (turns.length === 0) return null;
  if (rule.strategy === 'round_robin') return turns[0].agentId;
  const load = (member: AssignmentMember) => state.loads[member.agentId] ?? 0;
  return turns.reduce((best, member) => (load(member) < load(best) ? member : best)).agentId;
}
