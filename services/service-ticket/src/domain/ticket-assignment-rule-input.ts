// Checks a ticket assignment rule a crm-admin or service manager saves, naming every bad field under `input`.
import { InputError, type FieldViolation } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { priorities, type TicketPriority } from './sla-policy';
import {
  assignmentStrategies,
  routingKey,
  type AssignmentMember,
  type AssignmentStrategy,
  type TicketAssignmentRule,
} from './ticket-assignment';

/** A rule as a caller states it; lists and flags left out mean "any" (match) or "none" (skills). */
export interface TicketAssignmentRuleInput {
  name: string;
  position: number;
  teamId: string;
  strategy: string;
  match?: {
    categories?: readonly string[] | null;
    skills?: readonly string[] | null;
    complaint?: boolean | null;
    priority?: string | null;
  } | null;
  members: readonly { agentId: string; skills?: readonly string[] | null }[];
  active?: boolean | null;
}

export type ValidRuleDefinition = Omit<TicketAssignmentRule, 'id'>;

const maxNameLength = 100;
const maxLabelLength = 64;
const maxListLength = 50;
/** A queue is worked by a team: more members than this is a typing mistake, and each pick scans them. */
const maxMembers = 500;
const maxPosition = 10_000;

/** Distinct non-blank labels (categories, skills), trimmed, compared as routingKey does. */
function labels(values: readonly string[] | null | undefined, path: (string | number)[], violations: FieldViolation[]) {
  const list = values ?? [];
  if (list.length > maxListLength)
    violations.push({ path, rule: 'maxItems', message: `at most ${maxListLength} entries` });
  const seen = new Set<string>();
  const result: string[] = [];
  list.forEach((value, index) => {
    const label = value.trim();
    if (!label) violations.push({ path: [...path, index], rule: 'required', message: 'must not be blank' });
    else if (label.length > maxLabelLength)
      violations.push({ path: [...path, index], rule: 'maxLength', message: `at most ${maxLabelLength} characters` });
    else if (seen.has(routingKey(label)))
      violations.push({ path: [...path, index], rule: 'unique', message: 'is listed twice' });
    else {
      seen.add(routingKey(label));
      result.push(label);
    }
  });
  return result;
}

function members(input: TicketAssignmentRuleInput['members'], violations: FieldViolation[]): AssignmentMember[] {
  if (input.length === 0)
    violations.push({ path: ['input', 'members'], rule: 'required', message: 'a rule needs at least one agent' });
  if (input.length > maxMembers)
    violations.push({ path: ['input', 'members'], rule: 'maxItems', message: `at most ${maxMembers} agents` });
  const seen = new Set<string>();
  return input.map((member, index) => {
    const agentId = member.agentId.trim().toLowerCase();
    if (!isUuid(agentId))
      violations.push({ path: ['input', 'members', index, 'agentId'], rule: 'uuid', message: 'must be a user id' });
    else if (seen.has(agentId))
      violations.push({ path: ['input', 'members', index, 'agentId'], rule: 'unique', message: 'is listed twice' });
    seen.add(agentId);
    return { agentId, skills: labels(member.skills, ['input', 'members', index, 'skills'], violations) };
  });
}

/** The rule, normalized, or an InputError naming every field that breaks a rule. */
export function validateAssignmentRule(input: TicketAssignmentRuleInput): ValidRuleDefinition {
  const violations: FieldViolation[] = [];
  const name = input.name.trim();
  if (!name) violations.push({ path: ['input', 'name'], rule: 'required', message: 'must not be blank' });
  else if (name.length > maxNameLength)
    violations.push({ path: ['input', 'name'], rule: 'maxLength', message: `at most ${maxNameLength} characters` });
  if (!Number.isInteger(input.position) || input.position < 0 || input.position > maxPosition)
    violations.push({ path: ['input', 'position'], rule: 'range', message: `a whole number from 0 to ${maxPosition}` });
  const teamId = input.teamId.trim();
  if (!teamId) violations.push({ path: ['input', 'teamId'], rule: 'required', message: 'name the queue (team)' });
  const strategy = assignmentStrategies.find((s) => s === input.strategy);
  if (!strategy)
    violations.push({
      path: ['input', 'strategy'],
      rule: 'oneOf',
      message: `must be one of ${assignmentStrategies.join(', ')}`,
    });
  const priority = input.match?.priority ?? null;
  const knownPriority = priorities.find((p) => p === priority) ?? null;
  if (priority !== null && !knownPriority)
    violations.push({
      path: ['input', 'match', 'priority'],
      rule: 'oneOf',
      message: `must be one of ${priorities.join(', ')}`,
    });
  const rule: ValidRuleDefinition = {
    name,
    position: input.position,
    teamId,
    strategy: strategy ?? ('round_robin' satisfies AssignmentStrategy),
    match: {
      categories: labels(input.match?.categories, ['input', 'match', 'categories'], violations),
      skills: labels(input.match?.skills, ['input', 'match', 'skills'], violations),
      complaint: input.match?.complaint ?? null,
      priority: knownPriority satisfies TicketPriority | null,
    },
    members: members(input.members, violations),
    active: input.active ?? true,
  };
  if (violations.length) throw new InputError(violations);
  return rule;
}
