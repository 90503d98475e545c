// A lead's life (new → working → qualified → converted, or disqualified with a reason and back) and the check of a
// captured lead. Email and phone are read by the customer service's normalizers, passed in (see LeadContactReaders).
import { InputError } from '@crm/platform/errors';
import { ViolationCollector, preconditionFailed, type FieldPath } from './rule-errors';

export const leadStatuses = ['new', 'working', 'qualified', 'converted', 'disqualified'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const disqualifyReasons = [
  'no_budget',
  'no_need',
  'no_authority',
  'bad_timing',
  'competitor_chosen',
  'unreachable',
  'duplicate',
  'spam',
  'other',
] as const;
export type DisqualifyReason = (typeof disqualifyReasons)[number];

/** Steps allowed from each status; converted is terminal, a disqualified lead can be requalified (working or qualified). */
const nextStatuses: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['working', 'qualified', 'disqualified'],
  working: ['qualified', 'disqualified'],
  qualified: ['converted', 'disqualified', 'working'],
  converted: [],
  disqualified: ['working', 'qualified'],
};

export interface LeadTransition {
  status: LeadStatus;
  disqualifyReason: DisqualifyReason | null;
  disqualifyNote: string | null;
}

const maxNoteLength = 2000;

/** One step of a lead; disqualifying needs a reason from the list, and 'other' needs a note saying what. */
export function transitionLead(
  from: LeadStatus,
  to: LeadStatus,
  details: { reason?: string | null; note?: string | null } = {},
): LeadTransition {
  if (!nextStatuses[from].includes(to)) {
    const why = from === 'converted' ? 'a converted lead is final' : `a ${from} lead cannot become ${to}`;
    throw preconditionFailed(['status'], 'lead_status', why);
  }
  const note = details.note?.trim() || null;
  if (note !== null && [...note].length > maxNoteLength) {
    throw InputError.single(['note'], 'max_length', `at most ${maxNoteLength} characters`);
  }
  if (to !== 'disqualified') return { status: to, disqualifyReason: null, disqualifyNote: null };
  const reason = disqualifyReasons.find((r) => r === details.reason);
  if (reason === undefined) {
    throw InputError.single(['reason'], 'enum', `must be one of ${disqualifyReasons.join(', ')}`);
  }
  if (reason === 'other' && note === null) {
    throw InputError.single(['note'], 'required', "is required when the reason is 'other'");
  }
  return { status: 'disqualified', disqualifyReason: reason, disqualifyNote: note };
}

/** The customer service's email and phone normalizers (generic; to be shared from libs rather than copied). */
export interface LeadContactReaders {
  normalizeEmail: (raw: string) => string | null;
  normalizePhone: (raw: string, defaultCountry: string) => string | null;
}

export interface LeadFields {
  companyName: string | null;
  personName: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
  region: string | null;
  industry: string | null;
}

const maxNameLength = 200;
const maxTagLength = 64;

function optionalText(input: unknown, path: FieldPath, maxLength: number, check: ViolationCollector): string | null {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') {
    check.add(path, 'type', 'must be text');
    return null;
  }
  const text = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text && [...text].length > maxLength) check.add(path, 'max_length', `at most ${maxLength} characters`);
  return text || null;
}

/** A captured lead: a company or a person name, and a valid email and phone when given. */
export function validateLead(
  input: Record<string, unknown>,
  readers: LeadContactReaders,
  defaultCountry: string,
): LeadFields {
  const check = new ViolationCollector();
  const companyName = optionalText(input.companyName, ['companyName'], maxNameLength, check);
  const personName = optionalText(input.personName, ['personName'], maxNameLength, check);
  if (companyName === null && personName === null) {
    check.add(['companyName'], 'company_or_person', 'a lead needs a company name or a person name');
  }
  const rawEmail = optionalText(input.email, ['email'], 254, check);
  const email = rawEmail === null ? null : readers.normalizeEmail(rawEmail);
  if (rawEmail !== null && email === null) check.add(['email'], 'email', `"${rawEmail}" is not an email address`);
  const rawPhone = optionalText(input.phone, ['phone'], 64, check);
  const phone = rawPhone === null ? null : readers.normalizePhone(rawPhone, defaultCountry);
  if (rawPhone !== null && phone === null) check.add(['phone'], 'phone', `"${rawPhone}" is not a phone number`);
  const fields = {
    companyName,
    personName,
    email,
    phone,
    source: optionalText(input.source, ['source'], maxTagLength, check),
    region: optionalText(input.region, ['region'], maxTagLength, check),
    industry: optionalText(input.industry, ['industry'], maxTagLength, check),
  };
  check.throwIfAny();
  return fields;
}
