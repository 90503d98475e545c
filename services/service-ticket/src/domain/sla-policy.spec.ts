import {
  customerGrades,
  targetsFor,
  validateSlaPolicy,
  type CustomerGrade,
  type SlaPolicy,
  type SlaTargets,
  type TicketPriority,
} from './sla-policy';
import { refusedFields } from './refused-fields';

function t(firstResponse: number, nextResponse: number, resolution: number): SlaTargets {
  return { firstResponse, nextResponse, resolution };
}

function byGrade(a: SlaTargets, b: SlaTargets, c: SlaTargets, none: SlaTargets): Record<CustomerGrade, SlaTargets> {
  return { A: a, B: b, C: c, none };
}

const policy: SlaPolicy = {
  name: 'Standard',
  calendarId: 'cal-shanghai',
  targets: {
    urgent: byGrade(t(15, 30, 240), t(30, 60, 480), t(60, 120, 960), t(60, 120, 960)),
    high: byGrade(t(30, 60, 480), t(60, 120, 960), t(120, 240, 1440), t(120, 240, 1440)),
    normal: byGrade(t(60, 120, 960), t(120, 240, 1440), t(240, 480, 2880), t(480, 480, 4800)),
    low: byGrade(t(240, 480, 2880), t(480, 480, 4800), t(480, 960, 9600), t(960, 960, 9600)),
  },
  complaintOverride: {
    urgent: t(10, 20, 120),
    high: t(15, 30, 240),
    normal: t(30, 60, 480),
    low: t(60, 120, 960),
  },
};

describe('SLA policy', () => {
  describe('targetsFor', () => {
    it.each<[TicketPriority, CustomerGrade, boolean, SlaTargets]>([
      ['urgent', 'A', false, t(15, 30, 240)],
      ['high', 'B', false, t(60, 120, 960)],
      ['normal', 'C', false, t(240, 480, 2880)],
      ['low', 'none', false, t(960, 960, 9600)],
      // A complaint takes the override whatever the grade.
      ['urgent', 'A', true, t(10, 20, 120)],
      ['normal', 'none', true, t(30, 60, 480)],
      ['low', 'C', true, t(60, 120, 960)],
    ])('%s priority, grade %s, complaint %s', (priority, grade, complaint, expected) => {
      expect(targetsFor(policy, { priority, grade, complaint })).toEqual(expected);
    });
  });

  describe('validateSlaPolicy', () => {
    it('accepts a policy whose complaint targets are the strictest', () => {
      expect(validateSlaPolicy(policy)).toBe(policy);
      for (const grade of customerGrades)
        expect(policy.complaintOverride.urgent.resolution).toBeLessThanOrEqual(policy.targets.urgent[grade].resolution);
    });

    it.each<[string, SlaPolicy, string, string]>([
      ['a blank name', { ...policy, name: ' ' }, 'name', 'required'],
      ['no calendar', { ...policy, calendarId: '' }, 'calendarId', 'required'],
      [
        'a zero target',
        { ...policy, targets: { ...policy.targets, high: { ...policy.targets.high, B: t(0, 120, 960) } } },
        'targets.high.B.firstResponse',
        'businessMinutes',
      ],
      [
        'a fractional target',
        { ...policy, targets: { ...policy.targets, low: { ...policy.targets.low, none: t(960, 960, 9600.5) } } },
        'targets.low.none.resolution',
        'businessMinutes',
      ],
      [
        'a first response later than the resolution',
        { ...policy, targets: { ...policy.targets, normal: { ...policy.targets.normal, A: t(1000, 120, 960) } } },
        'targets.normal.A.firstResponse',
        'notAfterResolution',
      ],
      [
        'a complaint override looser than grade A',
        { ...policy, complaintOverride: { ...policy.complaintOverride, urgent: t(10, 20, 300) } },
        'complaintOverride.urgent.resolution',
        'stricter',
      ],
      [
        'a negative complaint target',
        { ...policy, complaintOverride: { ...policy.complaintOverride, high: t(15, -1, 240) } },
        'complaintOverride.high.nextResponse',
        'businessMinutes',
      ],
    ])('refuses %s, naming the field', (_case, bad, field, rule) => {
      expect(refusedFields(() => validateSlaPolicy(bad))).toContainEqual([field, rule]);
    });
  });
});
