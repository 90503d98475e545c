import { NotAllowedError, NotFoundError } from '../errors';
import { nullWhenNotFound } from './single-record';

describe('a single-record query', () => {
  it('answers the record when there is one', async () => {
    await expect(nullWhenNotFound(Promise.resolve({ id: 'a' }))).resolves.toEqual({ id: 'a' });
  });

  it('answers null when there is none', async () => {
    await expect(nullWhenNotFound(Promise.reject(new NotFoundError('quote', 'q1')))).resolves.toBeNull();
  });

  it('passes any other refusal on, so the caller learns the record is not theirs to see', async () => {
    await expect(nullWhenNotFound(Promise.reject(new NotAllowedError('not yours')))).rejects.toBeInstanceOf(
      NotAllowedError,
    );
  });
});
