// Lead assignment rules, configured as data by admins: the first rule by priority whose match fits picks a team and a
// strategy. Pure: the caller loads the round-robin pointer and the open-lead counts and stores the new pointer.
import { ViolationCollector, preconditionFailed, type FieldPath } from './rule-errors';

export const assignmentStrategies = ['round_robin', 'territory', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

export interface AssignmentMatch {
  /** Absent or empty: any value. */
  regions?: string[];
  industries?: string[];
  sources?: string[];
}

export interface AssignmentRule {
  id: string;
  /** Lower runs first. */
  priority: number;
  match: AssignmentMatch;
  strategy: AssignmentStrategy;
  teamId: string;
  /** User ids in the order round robin and ties follow. */
  members: string[];
}

export interface LeadRoutingFacts {
  region: string | null;
  industry: string | null;
  source: string | null;
}

const key = (value: string) => value.normalize('NFKC').trim().toLowerCase();

function fits(allowed: string[] | undefined, value: string | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  return value !== null && allowed.some((option) => key(option) === key(value));
}

/** The first rule, by priority then id, whose every given list holds the lead's value (compared without case). */
export function chooseRule(rules: AssignmentRule[], lead: LeadRoutingFacts): AssignmentRule | null {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return (
    ordered.find(
      (rule) =>
        fits(rule.match.regions, lead.region) &&
        fits(rule.match.industries, lead.industry) &&
        fits(rule.match.sources, lead.source),
    ) ?? null
  );
}

function requireMembers(members: string[]): void {
  if (members.length === 0) throw preconditionFailed(['members'], 'required', 'the rule has no members to assign');
}

/** The member after the last one assigned, wrapping around; the first when the last one left the rule. */
export function roundRobinNext(members: string[], lastAssignedId: string | null): string {
  requireMembers(members);
  const last = lastAssignedId === null ? -1 : members.indexOf(lastAssignedId);
  return members[(last + 1) % members.length];
}

/** The member with the fewest open leads (none counted = 0); ties go to the earlier member. */
export function leastLoaded(members: string[], openLeadCounts: Record<string, number>): string {
  requireMembers(members);
  return members.reduce((best, member) =>
    (openLeadCounts[member] ?? 0) < (openLeadCounts[best] ?? 0) ? member : best,
  );
}

export interface AssignmentState {
  lastAssignedId: string | null;
  openLeadCounts: Record<string, number>;
}

/** The owner the rule's strategy picks; territory rules rotate among the territory's members like round robin. */
export function assignWith(rule: AssignmentRule, state: AssignmentState): string {
  return rule.strategy === 'least_loaded'
    ? leastLoaded(rule.members, state.openLeadCounts)
    : roundRobinNext(rule.members, state.lastAssignedId);
}

function stringList(input: unknown, path: FieldPath, check: ViolationCollector): string[] | undefined {
  if (input === undefined || input === null) return undefined;
  if (!Array.isArray(input) || !input.every((item) => typeof item === 'string' && item.trim())) {
    check.add(path, 'type', 'must be a list of non-empty texts');
    return undefined;
  }
  return [...new Set(input.map((item: string) => item.trim()))];
}

/** Checks a rule an admin saves; a territory rule must name a region or an industry. */
export function validateAssignmentRule(input: Record<string, unknown>): AssignmentRule {
  const check = new ViolationCollector();
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  if (!id) check.add(['id'], 'required', 'is required');
  const priority = typeof input.priority === 'number' ? input.priority : NaN;
  if (!Number.isInteger(priority) || priority < 0 || priority > 10000) {
    check.add(['priority'], 'priority', 'must be a whole number from 0 to 10000');
  }
  const strategy = assignmentStrategies.find((s) => s === input.strategy);
  if (strategy === undefined) check.add(['strategy'], 'enum', `must be one of ${assignmentStrategies.join(', ')}`);
  const teamId = typeof input.teamId === 'string' ? input.teamId.trim() : '';
  if (!teamId) check.add(['teamId'], 'required', 'is required');
  const rawMatch =
    typeof input.match === 'object' && input.match !== null ? (input.match as Record<string, unknown>) : {};
  const match: AssignmentMatch = {
    regions: stringList(rawMatch.regions, ['match', 'regions'], check),
    industries: stringList(rawMatch.industries, ['match', 'industries'], check),
    sources: stringList(rawMatch.sources, ['match', 'sources'], check),
  };
  if (strategy === 'territory' && !match.regions?.length && !match.industries?.length) {
    check.add(['match'], 'territory', 'a territory rule names regions, industries or both');
  }
  const members = stringList(input.members, ['members'], check);
  if (members?.length === 0 || input.members === undefined || input.members === null) {
    check.add(['members'], 'required', 'needs at least one member');
  }
  check.throwIfAny();
  return { id, priority, match, strategy: strategy ?? 'round_robin', teamId, members: members ?? [] };
}
