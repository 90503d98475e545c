import { InputError } from '@crm/platform/errors';
import type { Page } from '@crm/platform/pagination';
import { isUuid } from '../domain/uuid';

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** A cursor page as a GraphQL connection: each edge resumes right after its node. */
export function connection<T>(page: Page<T>): Connection<T> {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i] })),
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
  };
}

/** An ID argument that must be a UUID: BAD_USER_INPUT naming it otherwise. */
export function requireUuid(value: string, path: string[]): void {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
}
