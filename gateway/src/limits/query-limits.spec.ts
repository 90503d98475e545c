import { checkQueryLimits } from './query-limits';

const limits = { maxDepth: 3, maxCost: 100 };

describe('query limits', () => {
  it('lets an operation within both limits through', () => {
    expect(checkQueryLimits({ query: '{ a { b { c } } }' }, limits)).toBeUndefined();
  });

  it('rejects a deep operation as QUERY_TOO_DEEP with the measured depth and the limit', () => {
    expect(checkQueryLimits({ query: '{ a { b { c { d } } } }' }, limits)).toEqual({
      code: 'QUERY_TOO_DEEP',
      message: 'the query is 4 levels deep, more than the limit of 3',
      depth: 4,
      maxDepth: 3,
    });
  });

  it('rejects a costly operation as QUERY_TOO_COSTLY with the measured cost and the limit', () => {
    expect(
      checkQueryLimits({ query: 'query ($n: Int) { list(first: $n) { id } }', variables: { n: 500 } }, limits),
    ).toEqual({
      code: 'QUERY_TOO_COSTLY',
      message: 'the query costs 501, more than the limit of 100',
      cost: 501,
      maxCost: 100,
    });
  });

  it('measures the operation named by operationName', () => {
    const query = 'query Small { a } query Deep { a { b { c { d } } } }';
    expect(checkQueryLimits({ query, operationName: 'Small' }, limits)).toBeUndefined();
    expect(checkQueryLimits({ query, operationName: 'Deep' }, limits)?.code).toBe('QUERY_TOO_DEEP');
  });

  it('measures every operation when none is named', () => {
    expect(checkQueryLimits({ query: 'query Small { a } query Deep { a { b { c { d } } } }' }, limits)?.code).toBe(
      'QUERY_TOO_DEEP',
    );
  });

  it('leaves a query that does not parse to the engine', () => {
    expect(checkQueryLimits({ query: '{ a { ' }, limits)).toBeUndefined();
  });
});
