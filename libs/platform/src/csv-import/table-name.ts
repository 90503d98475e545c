/**
 * A table name an import interpolates into SQL (ANALYZE and the fingerprint statements take no bind parameters for
 * it): only a plain lower-case identifier, checked once where the import is declared, never user input.
 */
export function checkedTableName(table: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table)) throw new Error(`"${table}" is not a plain lower-case table name`);
  return table;
}
