import { InputError } from '../errors';
import { encodeCursor } from './cursor';
import { decodeCursorOf } from './typed-cursor';

describe('typed cursors', () => {
  const id = '0b7e1f9a-3c1d-4e2f-9a8b-1c2d3e4f5a6b';

  it('returns the values when each is of its kind', () => {
    const cursor = encodeCursor([true, 'acme', 3, id, '2026-12-01T06:10:00.123456Z']);
    expect(decodeCursorOf(cursor, ['boolean', 'string', 'integer', 'uuid', 'timestamp'])).toEqual([
      true,
      'acme',
      3,
      id,
      '2026-12-01T06:10:00.123456Z',
    ]);
  });

  it.each([
    ['a string for a boolean', ['yes', id], ['boolean', 'uuid'] as const],
    ['a non-UUID id', [1, 'x'], ['integer', 'uuid'] as const],
    ['a fraction for an integer', [1.5, 'x'], ['integer', 'string'] as const],
    ['a millisecond timestamp', ['2026-12-01T06:10:00.123Z', id], ['timestamp', 'uuid'] as const],
  ])('refuses %s as bad input on `after`', (_, values, kinds) => {
    expect(() => decodeCursorOf(encodeCursor(values), kinds)).toThrow(InputError);
    expect(() => decodeCursorOf(encodeCursor(values), kinds)).toThrow(/after/);
  });
});
