/**
 * Without the hints in brackets, '(...)' and '[...]'; an unclosed bracket stays. A scan, not /\([^)]*\)/g: V8 would
 * rescan to the end from every unclosed bracket, which is quadratic on a header of many '[' (issue 7).
 */
function withoutBracketedHints(text: string): string {
  let out = '';
  const unclosed = new Set<string>();
  for (let at = 0; at < text.length; at++) {
    const close = text[at] === '(' ? ')' : text[at] === '[' ? ']' : null;
    const end = close === null || unclosed.has(close) ? -1 : text.indexOf(close, at + 1);
    if (close !== null && end < 0) unclosed.add(close);
    if (end < 0) out += text[at];
    else at = end;
  }
  return out;
}

/** A header as compared: NFKC, lowercase, without required-marks (*), hints in brackets, spaces, _ - / and dots. */
export function normalizeHeader(header: string): string {
  return withoutBracketedHints(header.normalize('NFKC').toLowerCase()).replace(/[\s*_\-/.:]/g, '');
}

/** Headers of a record's free-text notes (备注), whatever the record. */
export const descriptionAliases: readonly string[] = [
  'description',
  'notes',
  'note',
  'remarks',
  'remark',
  'comments',
  'comment',
  'memo',
  '备注',
  '描述',
  '说明',
  '备注信息',
  '客户备注',
  '客户描述',
  '联系人备注',
];

/** Field name → the headers that mean it, written as people write them (normalized when the table is built). */
export type ColumnAliases<F extends string> = Readonly<Record<F, readonly string[]>>;

export interface ColumnValues {
  /** Headers as written in the file, in file order. */
  headers: string[];
  values: string[];
}

export interface RowColumns<F extends string> {
  fields: Map<F, ColumnValues>;
  /** Custom field key (from a `cf_<key>` header) → header and value. */
  custom: Map<string, { header: string; value: string }>;
  /** Headers that mean nothing to this import; they are ignored. */
  unknown: string[];
}

const customPrefix = /^cf_/i;

/** Resolves headers against aliases; built once per import kind, then applied to every row. */
export class ColumnResolver<F extends string> {
  private readonly byAlias = new Map<string, F>();
  private readonly cache = new Map<string, F | null>();

  constructor(aliases: ColumnAliases<F>) {
    for (const field of Object.keys(aliases) as F[]) {
      for (const alias of aliases[field]) this.byAlias.set(normalizeHeader(alias), field);
    }
  }

  fieldOf(header: string): F | null {
    let field = this.cache.get(header);
    if (field === undefined) {
      field = this.byAlias.get(normalizeHeader(header)) ?? null;
      // Headers repeat on every row of a file; the cache stays small because a file has few distinct headers.
      if (this.cache.size < 1000) this.cache.set(header, field);
    }
    return field;
  }

  /** The custom field key a `cf_<key>` header names, or null for any other header. */
  customKeyOf(header: string): string | null {
    const trimmedHeader = header.trim();
    return customPrefix.test(trimmedHeader) ? trimmedHeader.slice(3) : null;
  }

  columns(record: Record<string, string>): RowColumns<F> {
    const result: RowColumns<F> = { fields: new Map(), custom: new Map(), unknown: [] };
    for (const [header, value] of Object.entries(record)) {
      const customKey = this.customKeyOf(header);
      if (customKey !== null) {
        result.custom.set(customKey, { header, value });
        continue;
      }
      const field = this.fieldOf(header);
      if (field === null) {
        result.unknown.push(header);
        continue;
      }
      const column = result.fields.get(field) ?? { headers: [], values: [] };
      column.headers.push(header);
      column.values.push(value);
      result.fields.set(field, column);
    }
    return result;
  }
}
