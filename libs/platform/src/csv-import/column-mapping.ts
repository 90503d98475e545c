import type { ColumnResolver } from './column-names';
import type { CsvHeaderColumn } from './csv-rows';

export type IgnoredColumnReason = 'empty_header' | 'duplicate_header' | 'unknown_header' | 'no_custom_fields';

/** Where one column of the file went, for the import report: nothing in a file is dropped without saying so. */
export interface ColumnMapping {
  /** Position in the file: 1 is the first column (A). */
  column: number;
  /** The header as written. */
  header: string;
  /** The field the column fills ('phones', 'city', 'customFields.budget'), or null when it is ignored. */
  field: string | null;
  /** Why the column is not read; null when it is. */
  ignored: { reason: IgnoredColumnReason; message: string } | null;
  /** What else to know about a column that is read: a second column for one field, an undefined custom field. */
  note: string | null;
}

export interface ColumnMappingOptions<F extends string> {
  /** What a row is, with its article ('an account', 'a contact'), for the messages. */
  kind: string;
  /** Fields that hold a list: several columns add up instead of standing in for each other. */
  listFields: readonly F[];
  /** Keys of the custom fields defined for this kind; null when this kind has no custom fields. */
  customFieldKeys: readonly string[] | null;
}

/** How an import reads a header row: column by column, the field it fills or why it is ignored. */
export function describeColumns<F extends string>(
  header: CsvHeaderColumn[],
  resolver: ColumnResolver<F>,
  options: ColumnMappingOptions<F>,
): ColumnMapping[] {
  const firstHeaderOf = new Map<string, string>();
  return header.map(({ column, header: name, skipped }): ColumnMapping => {
    const ignore = (reason: IgnoredColumnReason, message: string): ColumnMapping => ({
      column,
      header: name,
      field: null,
      ignored: { reason, message },
      note: null,
    });
    if (skipped === 'empty_header') return ignore(skipped, `column ${column} has no header, so its cells are not read`);
    if (skipped === 'duplicate_header') {
      return ignore(skipped, `"${name}" heads an earlier column too; only the first column of that name is read`);
    }
    const customKey = resolver.customKeyOf(name);
    if (customKey !== null) {
      if (options.customFieldKeys === null) {
        return ignore('no_custom_fields', `${options.kind} has no custom fields, so "${name}" is not read`);
      }
      const known = options.customFieldKeys.includes(customKey);
      return {
        column,
        header: name,
        field: `customFields.${customKey}`,
        ignored: null,
        note: known ? null : `no custom field "${customKey}" is defined: a row with a value here is refused`,
      };
    }
    const field = resolver.fieldOf(name);
    if (field === null) {
      const hint = options.customFieldKeys === null ? '' : '; to keep it, name a custom field column cf_<key>';
      return ignore('unknown_header', `"${name}" names no field of ${options.kind}${hint}`);
    }
    const earlier = firstHeaderOf.get(field);
    if (earlier === undefined) firstHeaderOf.set(field, name);
    const note =
      earlier === undefined
        ? null
        : options.listFields.includes(field)
          ? `adds to the values of "${earlier}"`
          : `read where "${earlier}" is empty`;
    return { column, header: name, field, ignored: null, note };
  });
}
