import { defaultFollowUpCadence, followUpDueAt, parseFollowUpCadence } from './follow-up-cadence';

const t0 = new Date('2026-11-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * 24 * 60 * 60 * 1000);
const base = { grade: 'A', nextFollowUpAt: null, lastActivityAt: null, ownerSince: null, createdAt: t0 };

describe('follow-up cadence', () => {
  it('reads A:7,B:14,C:30 in any order and case, with spaces', () => {
    expect(parseFollowUpCadence('A:7,B:14,C:30')).toEqual(defaultFollowUpCadence);
    expect(parseFollowUpCadence(' c : 45, a:3 ,b:10')).toEqual({ A: 3, B: 10, C: 45 });
  });

  it('names the part that is wrong: a typo, a missing or repeated grade, days out of range', () => {
    expect(parseFollowUpCadence('A:7,B:14,D:30')).toEqual({ problem: expect.stringContaining("'D:30'") });
    expect(parseFollowUpCadence('A:7;B:14;C:30')).toEqual({ problem: expect.stringContaining('GRADE:DAYS') });
    expect(parseFollowUpCadence('A:7,B:14')).toEqual({ problem: expect.stringContaining('grade C is missing') });
    expect(parseFollowUpCadence('A:7,A:8,B:14,C:30')).toEqual({ problem: expect.stringContaining('twice') });
    expect(parseFollowUpCadence('A:0,B:14,C:30')).toEqual({ problem: expect.stringContaining('1 to 3650') });
  });

  it('is due on the explicit next follow-up of the latest activity when there is one', () => {
    expect(followUpDueAt({ ...base, nextFollowUpAt: at(2), lastActivityAt: at(1) }, defaultFollowUpCadence)).toEqual(
      at(2),
    );
    expect(followUpDueAt({ ...base, grade: null, nextFollowUpAt: at(2) }, defaultFollowUpCadence)).toEqual(at(2));
  });

  it('is otherwise due a cadence after the last activity, or after the owner got it, by grade', () => {
    expect(followUpDueAt({ ...base, lastActivityAt: at(3) }, defaultFollowUpCadence)).toEqual(at(10));
    expect(followUpDueAt({ ...base, grade: 'B', ownerSince: at(5) }, defaultFollowUpCadence)).toEqual(at(19));
    expect(followUpDueAt({ ...base, grade: 'C' }, defaultFollowUpCadence)).toEqual(at(30));
  });

  it('is never due for an ungraded account without an explicit follow-up', () => {
    expect(followUpDueAt({ ...base, grade: null, lastActivityAt: at(3) }, defaultFollowUpCadence)).toBeNull();
  });
});
