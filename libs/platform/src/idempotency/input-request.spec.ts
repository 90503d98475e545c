import { fingerprintOf, inputRequest } from './idempotent-create';

describe('the idempotent request of a create mutation', () => {
  it('keys on the input’s idempotencyKey and fingerprints the rest, so a retry with the same fields matches', () => {
    const request = inputRequest('u1', 'createQuote', { opportunityId: 'o1', notes: null, idempotencyKey: 'k1' });
    expect(request).toEqual({
      caller: 'u1',
      key: 'k1',
      operation: 'createQuote',
      payload: { opportunityId: 'o1', notes: null },
      path: ['input', 'idempotencyKey'],
    });
    const retry = inputRequest('u1', 'createQuote', { idempotencyKey: 'k1', notes: null, opportunityId: 'o1' });
    expect(fingerprintOf(retry.payload)).toBe(fingerprintOf(request.payload));
  });
});
