// SLA policies: business-minute targets by priority × customer grade, a stricter override for complaints (投诉),
// and the calendar whose business hours the targets are counted in.
import { InputError, type FieldViolation } from '@crm/platform/errors';

export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof priorities)[number];
export const customerGrades = ['A', 'B', 'C', 'none'] as const;
export type CustomerGrade = (typeof customerGrades)[number];
export const slaTargetKinds = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaTargetKind = (typeof slaTargetKinds)[number];

/** Business minutes allowed for each target. */
export type SlaTargets = Record<SlaTargetKind, number>;

export interface SlaPolicy {
  name: string;
  /** The business calendar the minutes are counted in. */
  calendarId: string;
  targets: Record<TicketPriority, Record<CustomerGrade, SlaTargets>>;
  /** Complaints: per priority, no target may be looser than any grade's at that priority. */
  complaintOverride: Record<TicketPriority, SlaTargets>;
}

export interface SlaSubject {
  priority: TicketPriority;
  grade: CustomerGrade;
  complaint: boolean;
}

/** A year of minutes: longer targets are typing mistakes, not service levels. */
const maxTargetMinutes = 366 * 24 * 60;

function checkTargets(targets: SlaTargets, path: (string | number)[], violations: FieldViolation[]): boolean {
  let valid = true;
  for (const kind of slaTargetKinds) {
    const minutes = targets[kind];
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxTargetMinutes) {
      violations.push({
        path: [...path, kind],
        rule: 'businessMinutes',
        message: `must be a whole number of business minutes from 1 to ${maxTargetMinutes}`,
      });
      valid = false;
    }
  }
  if (valid && targets.firstResponse > targets.resolution) {
    violations.push({
      path: [...path, 'firstResponse'],
      rule: 'notAfterResolution',
      message: 'must not be longer than the resolution target',
    });
  }
  return valid;
}

/** Checks every target and names each bad one (`targets.high.B.resolution`, `complaintOverride.urgent.firstResponse`). */
export function validateSlaPolicy(policy: SlaPolicy): SlaPolicy {
  const violations: FieldViolation[] = [];
  if (!policy.name.trim()) violations.push({ path: ['name'], rule: 'required', message: 'must not be blank' });
  if (!policy.calendarId.trim())
    violations.push({ path: ['calendarId'], rule: 'required', message: 'a policy names its business calendar' });
  for (const priority of priorities) {
    const gradeTargets = customerGrades.filter((grade) =>
      checkTargets(policy.targets[priority][grade], ['targets', priority, grade], violations),
    );
    const override = policy.complaintOverride[priority];
    if (!checkTargets(override, ['complaintOverride', priority], violations)) continue;
    for (const kind of slaTargetKinds) {
      const loosest = gradeTargets.find((grade) => override[kind] > policy.targets[priority][grade][kind]);
      if (loosest)
        violations.push({
          path: ['complaintOverride', priority, kind],
          rule: 'stricter',
          message: `must not be longer than the ${priority} target for grade ${loosest}`,
        });
    }
  }
  if (violations.length) throw new InputError(violations);
  return policy;
}

/** The targets that apply to a ticket: the complaint override for complaints, else its priority and grade. */
export function targetsFor(policy: SlaPolicy, subject: SlaSubject): SlaTargets {
  return subject.complaint
    ? policy.complaintOverride[subject.priority]
    : policy.targets[subject.priority][subject.grade];
}
