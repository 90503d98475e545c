import { InputError } from '../errors';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The lowercased UUID, or null when the text is not one. */
export function normalizeUuid(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return uuidPattern.test(id) ? id : null;
}

/** Whether the text is a UUID (any case). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value.toLowerCase());
}

/** An id argument that must be a UUID (proto3 sends '' for one left out): BAD_USER_INPUT naming it otherwise. */
export function requireUuid(value: string, path: (string | number)[]): string {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
  return value;
}
