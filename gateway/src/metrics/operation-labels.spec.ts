import { OperationLabeller } from './operation-labels';

const query = (name?: string) => ({ operation: { type: 'query' as const, ...(name === undefined ? {} : { name }) } });

describe('per-operation metric labels', () => {
  it('labels a named operation with its name and type, and ok or the first error code', () => {
    const labeller = new OperationLabeller();
    expect(labeller.labels({ ...query('AccountsPage'), errorCodes: [] })).toEqual({
      name: 'AccountsPage',
      type: 'query',
      outcome: 'ok',
    });
    expect(
      labeller.labels({
        operation: { type: 'mutation', name: 'OpenTicket' },
        errorCodes: ['FORBIDDEN', 'BAD_USER_INPUT'],
      }),
    ).toEqual({ name: 'OpenTicket', type: 'mutation', outcome: 'FORBIDDEN' });
  });

  it('calls an unnamed operation anonymous and a request without a usable operation invalid', () => {
    const labeller = new OperationLabeller();
    expect(labeller.labels({ ...query(), errorCodes: [] }).name).toBe('anonymous');
    expect(labeller.labels({ errorCodes: ['GRAPHQL_PARSE_FAILED'] })).toEqual({
      name: 'invalid',
      type: 'invalid',
      outcome: 'GRAPHQL_PARSE_FAILED',
    });
  });

  it('keeps malformed names and names past the limit out of the labels, and still knows those admitted', () => {
    const labeller = new OperationLabeller(2);
    const name = (n: string) => labeller.labels({ ...query(n), errorCodes: [] }).name;
    expect(name('a'.repeat(65))).toBe('other');
    expect(name('9Lives')).toBe('other');
    expect(name('drop table')).toBe('other');
    expect(name('First')).toBe('First');
    expect(name('_second_64_chars_' + 'x'.repeat(47))).toBe('_second_64_chars_' + 'x'.repeat(47));
    expect(name('Third')).toBe('other');
    expect(name('First')).toBe('First');
  });

  it('labels an error without a code, or with a malformed one, ERROR, and bounds the codes too', () => {
    const labeller = new OperationLabeller(10, 1);
    const outcome = (code: string | undefined) => labeller.labels({ ...query('Q'), errorCodes: [code] }).outcome;
    expect(outcome(undefined)).toBe('ERROR');
    expect(outcome('not a code')).toBe('ERROR');
    expect(outcome('FORBIDDEN')).toBe('FORBIDDEN');
    expect(outcome('INTERNAL_SERVER_ERROR')).toBe('ERROR');
  });
});
