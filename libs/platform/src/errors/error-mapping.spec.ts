import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from './domain-errors';
import { fromGrpcError, toGrpcError } from './grpc-status';
import { toGraphQLError } from './graphql-errors';
import { MAX_BYTES_RULE, MEDIA_TYPE_RULE, toHttpError } from './http-errors';

describe('domain errors, mapped once', () => {
  const input = new InputError([
    { path: ['input', 'account', 'emails', 1], rule: 'email', message: 'must be an email address' },
  ]);

  it('to GraphQL: BAD_USER_INPUT with the field path, FORBIDDEN, NOT_FOUND, CONFLICT; anything else is opaque', () => {
    expect(toGraphQLError(input).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.account.emails[1]',
    });
    expect(toGraphQLError(new NotAllowedError('no')).extensions.code).toBe('FORBIDDEN');
    expect(toGraphQLError(new NotFoundError('account', 'x')).extensions.code).toBe('NOT_FOUND');
    expect(toGraphQLError(new ConflictError('stale')).extensions.code).toBe('CONFLICT');
    const internal = toGraphQLError(new Error('connection to 10.0.0.5 refused'));
    expect(internal.message).toBe('internal error');
    expect(internal.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('to GraphQL: what the rule adds for the client (e.g. missingFields) beside the violations, the code kept', () => {
    const missing = new InputError([{ path: ['input', 'amount'], rule: 'entry_criteria', message: 'is required' }], {
      missingFields: ['amount'],
      code: 'overridden?',
    });
    expect(toGraphQLError(missing).extensions).toMatchObject({ code: 'BAD_USER_INPUT', missingFields: ['amount'] });
  });

  it('to gRPC and back: the status code, and the same error with its field path on the other side', () => {
    const sent = toGrpcError(input);
    expect(sent.code).toBe(status.INVALID_ARGUMENT);
    const received = fromGrpcError({ ...sent, name: 'Error', message: String(sent.details) } as ServiceError);
    expect(received).toBeInstanceOf(InputError);
    expect((received as InputError).violations[0].path).toEqual(['input', 'account', 'emails', 1]);
    expect(toGrpcError(new NotAllowedError()).code).toBe(status.PERMISSION_DENIED);
    expect(toGrpcError(new Error('secret detail')).details).toBe('internal error');
  });

  it('leaves a gRPC error from a non-CRM peer as it is', () => {
    const foreign = Object.assign(new Error('14 UNAVAILABLE'), {
      code: status.UNAVAILABLE,
      details: 'down',
      metadata: new Metadata(),
    }) as ServiceError;
    expect(fromGrpcError(foreign)).toBe(foreign);
  });

  it('to HTTP: a body over its size limit is 413, bytes of a refused type 415, other bad input 400', () => {
    const tooLarge = InputError.single(['body'], MAX_BYTES_RULE, 'must be at most 10 bytes');
    expect(toHttpError(tooLarge)).toMatchObject({ status: 413, body: { error: { field: 'body' } } });
    const wrongType = InputError.single(['body'], MEDIA_TYPE_RULE, 'the bytes are not an allowed type');
    expect(toHttpError(wrongType)).toMatchObject({ status: 415, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(toHttpError(input).status).toBe(400);
    expect(toHttpError(new NotFoundError('ticket', 'x')).status).toBe(404);
  });
});
