import { isTimeZone, lastFollowUp, poolReturnStep, poolSettings, reclaimAllowedAt, returnDaysFor } from './pool-rules';

const DAY = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const settings = poolSettings();

describe('pool rules', () => {
  it('uses the grade limits, ungraded as C', () => {
    expect([returnDaysFor('A', settings), returnDaysFor('B', settings), returnDaysFor('C', settings)]).toEqual([
      90, 60, 30,
    ]);
    expect(returnDaysFor(null, settings)).toBe(30);
    expect(poolSettings({ returnDays: { A: 10, B: 5, C: 3 } }).returnDays.C).toBe(3);
  });

  it('counts the follow-up period from the later of the last activity and the start of ownership', () => {
    const base = { grade: 'C', poolWarnedAt: null, createdAt: at(-100) };
    expect(lastFollowUp({ ...base, lastActivityAt: at(-50), ownerSince: at(0) })).toEqual(at(0));
    expect(lastFollowUp({ ...base, lastActivityAt: at(3), ownerSince: at(0) })).toEqual(at(3));
    expect(lastFollowUp({ ...base, lastActivityAt: null, ownerSince: null })).toEqual(at(-100));
  });

  it('does nothing before the warning window', () => {
    const facts = { grade: 'C', lastActivityAt: null, ownerSince: t0, createdAt: t0, poolWarnedAt: null };
    expect(poolReturnStep(facts, at(22), settings)).toEqual({ kind: 'none' });
  });

  it('warns first, inside the window, with the date of the return', () => {
    const facts = { grade: 'C', lastActivityAt: null, ownerSince: t0, createdAt: t0, poolWarnedAt: null };
    expect(poolReturnStep(facts, at(23), settings)).toEqual({ kind: 'warn', returnsAt: at(30) });
  });

  it('never returns an account without a warning, and gives a late warning its full notice', () => {
    const facts = { grade: 'C', lastActivityAt: null, ownerSince: t0, createdAt: t0, poolWarnedAt: null };
    expect(poolReturnStep(facts, at(40), settings)).toEqual({ kind: 'warn', returnsAt: at(47) });
    const warned = { ...facts, poolWarnedAt: at(40) };
    expect(poolReturnStep(warned, at(46), settings)).toEqual({ kind: 'wait', returnsAt: at(47) });
    expect(poolReturnStep(warned, at(47), settings)).toEqual({ kind: 'return', days: 30 });
  });

  it('returns at the limit after a timely warning', () => {
    const facts = { grade: 'B', lastActivityAt: null, ownerSince: t0, createdAt: t0, poolWarnedAt: at(53) };
    expect(poolReturnStep(facts, at(59), settings).kind).toBe('wait');
    expect(poolReturnStep(facts, at(60), settings)).toEqual({ kind: 'return', days: 60 });
  });

  it('forgets a warning once the owner followed up', () => {
    const facts = { grade: 'C', lastActivityAt: at(25), ownerSince: t0, createdAt: t0, poolWarnedAt: at(23) };
    expect(poolReturnStep(facts, at(31), settings)).toEqual({ kind: 'none' });
    expect(poolReturnStep(facts, at(48), settings)).toEqual({ kind: 'warn', returnsAt: at(55) });
  });

  it('lets the previous owner claim back only after the cooldown', () => {
    expect(reclaimAllowedAt(t0, settings)).toEqual(at(7));
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
