import { allowedMoves, canReopen } from './ticket-moves';

describe('the moves the ticket page offers', () => {
  it('offers only the lifecycle’s moves: none from new (claim or assign first), nothing after closed', () => {
    expect(allowedMoves('NEW')).toEqual([]);
    expect(allowedMoves('IN_PROGRESS')).toEqual(['WAITING_ON_CUSTOMER', 'RESOLVED', 'NEW']);
    expect(allowedMoves('RESOLVED')).toEqual(['CLOSED']);
    expect(allowedMoves('CLOSED')).toEqual([]);
  });

  it('offers reopening a resolved or closed ticket only inside its window', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(canReopen('RESOLVED', '2026-03-03T08:00:00Z', now)).toBe(true);
    expect(canReopen('CLOSED', '2026-03-03T08:00:00Z', now)).toBe(true);
    expect(canReopen('CLOSED', '2026-03-01T08:00:00Z', now)).toBe(false);
    expect(canReopen('IN_PROGRESS', '2026-03-03T08:00:00Z', now)).toBe(false);
    expect(canReopen('RESOLVED', null, now)).toBe(false);
  });
});
