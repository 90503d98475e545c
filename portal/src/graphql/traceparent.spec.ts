import { newTraceContext, type RandomFill } from './traceparent';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('newTraceContext', () => {
  it('is a W3C traceparent, version 00 and sampled, whose ids are the ones it names', () => {
    const trace = newTraceContext();
    const match = TRACEPARENT.exec(trace.traceparent);
    expect(match).not.toBeNull();
    expect(match?.[1]).toBe(trace.traceId);
    expect(match?.[2]).toBe(trace.parentId);
  });

  it('draws new random ids for every request', () => {
    const traces = Array.from({ length: 1000 }, () => newTraceContext());
    expect(new Set(traces.map((t) => t.traceId)).size).toBe(1000);
    expect(new Set(traces.map((t) => t.parentId)).size).toBe(1000);
    // Every hex digit shows up in every position of the trace id: the bytes are random, not a counter or a clock.
    for (let position = 0; position < 32; position++)
      expect(new Set(traces.map((t) => t.traceId[position])).size).toBe(16);
  });

  it('reads the browser CSPRNG', () => {
    const spy = jest.spyOn(crypto, 'getRandomValues');
    try {
      newTraceContext();
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('never sends an all-zero id (invalid in W3C Trace Context): it draws again', () => {
    let calls = 0;
    // Zeros for the first trace id and the first parent id drawn, then 0x01 bytes.
    const fill: RandomFill = (bytes) => {
      calls += 1;
      bytes.fill(calls === 1 || calls === 3 ? 0 : 1);
    };
    const trace = newTraceContext(fill);
    expect(trace.traceId).toBe('01'.repeat(16));
    expect(trace.parentId).toBe('01'.repeat(8));
    expect(calls).toBe(4);
  });
});
