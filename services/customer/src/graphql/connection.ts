import { InputError } from '@crm/platform/errors';
import { isUuid } from '../domain/uuid';

/** An ID argument that must be a UUID: BAD_USER_INPUT naming it otherwise. */
export function requireUuid(value: string, path: string[]): void {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
}
