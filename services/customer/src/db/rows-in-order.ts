import { In, type EntityManager, type EntitySchema } from 'typeorm';

/**
 * Loads the rows with these ids in the order of the ids (a keyset query picks and orders the ids; the rows come in
 * one query after). Ids whose row is gone by then are left out.
 */
export async function rowsInOrder<T extends { id: string }>(
  manager: EntityManager,
  entity: EntitySchema<T>,
  ids: readonly string[],
): Promise<T[]> {
  if (!ids.length) return [];
  const rows = await manager.getRepository(entity).findBy({ id: In([...ids]) } as never);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => !!r);
}
