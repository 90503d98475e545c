import {
  planReopen,
  planStatusChange,
  validateLifecycleSettings,
  type LifecycleSettings,
  type LifecycleTicket,
  type TicketStatus,
} from './ticket-lifecycle';
import { PreconditionError } from '@crm/platform/errors';
import { refusedFields } from './refused-fields';

const settings: LifecycleSettings = { reopenWindowDays: 7, rootCauseCategories: ['defect', 'user_error', 'billing'] };
const at = new Date('2026-09-14T02:00:00Z');
const resolution = { summary: 'Reset the customer password', rootCauseCategory: 'user_error' };

function ticket(status: TicketStatus, assigneeId: string | null = 'agent-1'): LifecycleTicket {
  return { status, assigneeId, resolvedAt: status === 'resolved' || status === 'closed' ? at : null };
}

describe('ticket lifecycle', () => {
  describe('allowed moves', () => {
    it.each<[TicketStatus, TicketStatus]>([
      ['new', 'assigned'],
      ['assigned', 'in_progress'],
      ['assigned', 'new'],
      ['in_progress', 'waiting_on_customer'],
      ['in_progress', 'resolved'],
      ['waiting_on_customer', 'in_progress'],
      ['waiting_on_customer', 'resolved'],
      ['resolved', 'closed'],
    ])('%s → %s', (from, to) => {
      const plan = planStatusChange(ticket(from), { to, at, by: 'agent-1', resolution }, settings);
      expect(plan.status).toBe(to);
      expect(plan.history).toEqual({ from, to, at, by: 'agent-1', reason: null });
    });

    it.each<[TicketStatus, TicketStatus]>([
      ['new', 'in_progress'],
      ['new', 'resolved'],
      ['assigned', 'closed'],
      ['waiting_on_customer', 'closed'],
      ['resolved', 'in_progress'],
      ['closed', 'assigned'],
      ['closed', 'resolved'],
    ])('refuses %s → %s, naming the transition rule', (from, to) => {
      expect(() => planStatusChange(ticket(from), { to, at, by: 'agent-1', resolution }, settings)).toThrow(
        expect.objectContaining({
          details: expect.objectContaining({ path: ['status'], rule: 'transition', from, to }),
        }),
      );
    });

    it('refuses to start work on a ticket nobody owns', () => {
      expect(() => planStatusChange(ticket('assigned', null), { to: 'in_progress', at, by: 'm' }, settings)).toThrow(
        expect.objectContaining({ details: { path: ['assigneeId'], rule: 'assigned' } }),
      );
    });
  });

  describe('resolving closes the loop', () => {
    it('records the summary, the root cause and when', () => {
      const plan = planStatusChange(ticket('in_progress'), { to: 'resolved', at, by: 'agent-1', resolution }, settings);
      expect(plan).toMatchObject({ status: 'resolved', resolvedAt: at, resolution });
    });

    it.each<[string, Partial<typeof resolution> | undefined, string[][]]>([
      [
        'nothing',
        undefined,
        [
          ['resolutionSummary', 'required'],
          ['rootCauseCategory', 'required'],
        ],
      ],
      ['a blank summary', { summary: '  ', rootCauseCategory: 'defect' }, [['resolutionSummary', 'required']]],
      ['no root cause', { summary: 'Fixed' }, [['rootCauseCategory', 'required']]],
      ['an unknown root cause', { summary: 'Fixed', rootCauseCategory: 'gremlins' }, [['rootCauseCategory', 'oneOf']]],
      [
        'a summary too long',
        { summary: 'x'.repeat(5001), rootCauseCategory: 'defect' },
        [['resolutionSummary', 'maxLength']],
      ],
    ])('refuses %s, naming each missing field', (_case, given, expected) => {
      const action = (): unknown =>
        planStatusChange(ticket('in_progress'), { to: 'resolved', at, by: 'agent-1', resolution: given }, settings);
      expect(refusedFields(action)).toEqual(expected);
    });
  });

  describe('reopen window', () => {
    // Resolved 2026-09-14T02:00Z with a 7-day window: reopenable until 2026-09-21T02:00Z inclusive.
    it.each<[string, TicketStatus, string | null, string, TicketStatus | 'refused']>([
      ['a day later, back to its agent', 'resolved', 'agent-1', '2026-09-15T02:00:00Z', 'assigned'],
      ['a closed ticket, still in the window', 'closed', 'agent-1', '2026-09-20T23:00:00Z', 'assigned'],
      ['on the last instant', 'closed', 'agent-1', '2026-09-21T02:00:00Z', 'assigned'],
      ['with no agent, to the queue', 'resolved', null, '2026-09-16T00:00:00Z', 'new'],
      ['a millisecond late', 'closed', 'agent-1', '2026-09-21T02:00:00.001Z', 'refused'],
      ['a month late', 'resolved', 'agent-1', '2026-10-14T02:00:00Z', 'refused'],
    ])('%s', (_case, status, assigneeId, when, expected) => {
      const action = (): unknown =>
        planReopen(
          ticket(status, assigneeId),
          { at: new Date(when), by: 'customer', reason: 'still broken' },
          settings,
        );
      if (expected === 'refused')
        expect(action).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'reopenWindow' }) }));
      else expect(action()).toMatchObject({ status: expected, resolvedAt: null, history: { reason: 'still broken' } });
    });

    it('refuses to reopen an open ticket', () => {
      expect(() => planReopen(ticket('in_progress'), { at, by: 'customer', reason: 'again' }, settings)).toThrow(
        PreconditionError,
      );
    });

    it('refuses a reopen without a reason', () => {
      expect(refusedFields(() => planReopen(ticket('resolved'), { at, by: 'c', reason: ' ' }, settings))).toEqual([
        ['reason', 'required'],
      ]);
    });

    it('honours a configured window of 0 days: only the instant of resolution', () => {
      const noWindow = { ...settings, reopenWindowDays: 0 };
      expect(planReopen(ticket('resolved'), { at, by: 'c', reason: 'r' }, noWindow).status).toBe('assigned');
      const later = new Date(at.getTime() + 1);
      expect(() => planReopen(ticket('resolved'), { at: later, by: 'c', reason: 'r' }, noWindow)).toThrow(
        PreconditionError,
      );
    });
  });

  describe('settings', () => {
    it.each<[string, LifecycleSettings, string[][]]>([
      ['a negative window', { ...settings, reopenWindowDays: -1 }, [['reopenWindowDays', 'range']]],
      ['a fractional window', { ...settings, reopenWindowDays: 1.5 }, [['reopenWindowDays', 'range']]],
      ['no root causes', { ...settings, rootCauseCategories: [] }, [['rootCauseCategories', 'required']]],
      [
        'a duplicate root cause',
        { ...settings, rootCauseCategories: ['defect', 'defect'] },
        [['rootCauseCategories[1]', 'unique']],
      ],
    ])('refuses %s', (_case, bad, expected) => {
      expect(refusedFields(() => validateLifecycleSettings(bad))).toEqual(expected);
    });
  });
});
