/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import { useCursorPages } from './CursorPager';

describe('useCursorPages', () => {
  it('pages forward by the API’s end cursor, back by the cursors seen, and starts over on reset', () => {
    const { result } = renderHook(() => useCursorPages());
    expect(result.current.after).toBeNull();
    expect(result.current.pager({ endCursor: 'c1', hasNextPage: true }).pages).toBe(2);

    act(() => result.current.pager({ endCursor: 'c1', hasNextPage: true }).onChange(2));
    expect(result.current.after).toBe('c1');
    act(() => result.current.pager({ endCursor: 'c2', hasNextPage: false }).onChange(1));
    expect(result.current.after).toBeNull();
    // The second page's cursor is remembered: going forward again needs no new cursor.
    expect(result.current.pager({ endCursor: 'c1', hasNextPage: true }).pages).toBe(2);

    act(() => result.current.reset());
    expect(result.current.after).toBeNull();
    expect(result.current.pager({ endCursor: null, hasNextPage: false }).pages).toBe(1);
  });
});
