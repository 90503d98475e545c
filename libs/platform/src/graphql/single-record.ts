import { NotFoundError } from '../errors';

/**
 * A single-record query's answer: null when there is no such record, while any other refusal (FORBIDDEN for a record
 * the caller may not see) still reaches the client, so the page can say so.
 */
export function nullWhenNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  return lookup.catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}
