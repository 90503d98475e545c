import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@crm/platform/db';
import { InputError } from '@crm/platform/errors';

const maxNameLength = 100;

/** A calendar's or policy's name: required, at most 100 characters, trimmed. */
export function settingName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw InputError.single(['input', 'name'], 'required', 'must not be blank');
  if (trimmed.length > maxNameLength)
    throw InputError.single(['input', 'name'], 'maxLength', `at most ${maxNameLength} characters`);
  return trimmed;
}

/** Runs `work` in a transaction; a second record of the same name (also one created concurrently) names the field. */
export async function refusingDuplicateName<T>(
  dataSource: DataSource,
  constraint: string,
  what: string,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error, constraint))
      throw InputError.single(['input', 'name'], 'unique', `another ${what} has this name`);
    throw error;
  }
}
