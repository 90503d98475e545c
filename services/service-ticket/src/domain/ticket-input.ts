// What a new or edited ticket may hold: the fields, their lengths and vocabularies, with every violation named.
import { InputError, type FieldViolation } from '@crm/platform/errors';
import { priorities, type TicketPriority } from './sla-policy';

export const channels = ['phone', 'email', 'web_form', 'wechat', 'portal'] as const;
export type Channel = (typeof channels)[number];

export interface TicketFieldsInput {
  subject?: string | null;
  description?: string | null;
  channel?: string | null;
  category?: string | null;
  priority?: string | null;
  complaint?: boolean | null;
  skills?: readonly string[] | null;
}

export interface TicketFields {
  subject: string;
  description: string;
  channel: Channel;
  category: string;
  priority: TicketPriority;
  complaint: boolean;
  skills: string[];
}

const limits = { subject: 300, description: 20000, category: 80, skill: 40, skills: 10 };

function text(
  value: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
  path: (string | number)[],
  violations: FieldViolation[],
): string {
  const trimmed = (value ?? '').trim();
  if (required && !trimmed) violations.push({ path: [...path, field], rule: 'required', message: 'is required' });
  else if (trimmed.length > max)
    violations.push({ path: [...path, field], rule: 'maxLength', message: `at most ${max} characters` });
  return trimmed;
}

function oneOf<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  field: string,
  path: (string | number)[],
  violations: FieldViolation[],
): T {
  if (!value || !(allowed as readonly string[]).includes(value)) {
    violations.push({ path: [...path, field], rule: 'enum', message: `must be one of ${allowed.join(', ')}` });
  }
  return value as T;
}

/** Checks a whole ticket's fields (creation, or an edit merged over the stored ticket); throws naming each problem. */
export function checkTicketFields(input: TicketFieldsInput, path: (string | number)[] = ['input']): TicketFields {
  const violations: FieldViolation[] = [];
  const subject = text(input.subject, 'subject', limits.subject, true, path, violations);
  const description = text(input.description, 'description', limits.description, false, path, violations);
  const category = text(input.category, 'category', limits.category, true, path, violations);
  const channel = oneOf(input.channel, channels, 'channel', path, violations);
  const priority = oneOf(input.priority ?? 'normal', priorities, 'priority', path, violations);
  const skills = [...new Set((input.skills ?? []).map((s) => s.trim().toLowerCase()))];
  if (skills.length > limits.skills)
    violations.push({ path: [...path, 'skills'], rule: 'maxItems', message: `at most ${limits.skills} skills` });
  skills.forEach((skill, i) => {
    if (!skill || skill.length > limits.skill)
      violations.push({
        path: [...path, 'skills', i],
        rule: 'skill',
        message: `a skill is 1 to ${limits.skill} characters`,
      });
  });
  if (violations.length) throw new InputError(violations);
  return { subject, description, channel, category, priority, complaint: input.complaint ?? false, skills };
}
