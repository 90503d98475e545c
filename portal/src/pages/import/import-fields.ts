/** What a CSV import fills: accounts, or contacts (of existing accounts). */
export type ImportKind = 'accounts' | 'contacts';

/** One field a column may fill, and the names the customer service reads it by (ASCII). */
export interface ImportField {
  /** The service's field name, as its import report names it ('phones', 'customFields.budget'). */
  field: string;
  /** One header per column that may fill the field: list fields (phones, emails, tags) take several columns. */
  headers: readonly string[];
  /** A row without it is refused. */
  required: boolean;
}

const accountFields: ImportField[] = [
  { field: 'name', headers: ['name'], required: true },
  { field: 'taxId', headers: ['tax_id'], required: false },
  { field: 'industry', headers: ['industry'], required: false },
  { field: 'size', headers: ['size'], required: false },
  { field: 'website', headers: ['website'], required: false },
  { field: 'phones', headers: ['phone', 'mobile', 'tel', 'telephone'], required: false },
  { field: 'emails', headers: ['email', 'e-mail', 'mail'], required: false },
  { field: 'tags', headers: ['tags', 'tag', 'labels'], required: false },
  { field: 'grade', headers: ['grade'], required: false },
  { field: 'lifecycleStage', headers: ['lifecycle_stage'], required: false },
  { field: 'ownerId', headers: ['owner_id'], required: false },
  { field: 'teamId', headers: ['team_id'], required: false },
  { field: 'addressKind', headers: ['address_kind'], required: false },
  { field: 'addressLine1', headers: ['address_line1'], required: false },
  { field: 'addressLine2', headers: ['address_line2'], required: false },
  { field: 'city', headers: ['city'], required: false },
  { field: 'region', headers: ['region'], required: false },
  { field: 'postalCode', headers: ['postal_code'], required: false },
  { field: 'countryCode', headers: ['country_code'], required: false },
  { field: 'description', headers: ['description'], required: false },
];

const contactFields: ImportField[] = [
  { field: 'name', headers: ['name'], required: true },
  { field: 'accountId', headers: ['account_id'], required: false },
  { field: 'accountTaxId', headers: ['account_tax_id'], required: false },
  { field: 'accountName', headers: ['account_name'], required: false },
  { field: 'title', headers: ['title'], required: false },
  { field: 'role', headers: ['role'], required: false },
  { field: 'phones', headers: ['phone', 'mobile', 'tel', 'telephone'], required: false },
  { field: 'emails', headers: ['email', 'e-mail', 'mail'], required: false },
  { field: 'birthday', headers: ['birthday'], required: false },
  { field: 'preferredChannel', headers: ['preferred_channel'], required: false },
  { field: 'consentEmail', headers: ['consent_email'], required: false },
  { field: 'consentSms', headers: ['consent_sms'], required: false },
  { field: 'consentWechat', headers: ['consent_wechat'], required: false },
  { field: 'ownerId', headers: ['owner_id'], required: false },
  { field: 'description', headers: ['description'], required: false },
];

/** The fields of a kind, then its custom fields (read from `cf_<key>` columns). */
export function importFields(kind: ImportKind, customFieldKeys: readonly string[] = []): ImportField[] {
  const base = kind === 'accounts' ? accountFields : contactFields;
  return [
    ...base,
    ...customFieldKeys.map((key) => ({ field: `customFields.${key}`, headers: [`cf_${key}`], required: false })),
  ];
}

/** Fields of which at least one must be mapped: a contact needs its account, by id, tax id or name. */
export function requiredOneOf(kind: ImportKind): readonly string[] {
  return kind === 'contacts' ? ['accountId', 'accountTaxId', 'accountName'] : [];
}

/** Column index → the field it fills, or null when the column is not imported. */
export type ColumnChoice = (string | null)[];

/** What a mapping lacks before it may run: required fields no column fills, and whether the one-of group is empty. */
export function missingRequired(
  kind: ImportKind,
  choice: ColumnChoice,
): { fields: string[]; oneOf: readonly string[] | null } {
  const mapped = new Set(choice.filter((f): f is string => f !== null));
  const fields = importFields(kind)
    .filter((f) => f.required && !mapped.has(f.field))
    .map((f) => f.field);
  const group = requiredOneOf(kind);
  return { fields, oneOf: group.length && !group.some((f) => mapped.has(f)) ? group : null };
}

/**
 * The header row the service reads: each mapped column under the field's own header, every other column with an
 * empty header (which the service ignores, and says so in its report). ASCII only, so it is valid UTF-8 and GBK alike.
 */
export function rewrittenHeader(kind: ImportKind, choice: ColumnChoice, customFieldKeys: readonly string[]): string {
  const byField = new Map(importFields(kind, customFieldKeys).map((f) => [f.field, f.headers]));
  const used = new Map<string, number>();
  return choice
    .map((field) => {
      if (field === null) return '';
      const n = used.get(field) ?? 0;
      used.set(field, n + 1);
      return byField.get(field)?.[n] ?? '';
    })
    .join(',');
}

/** Whether one more column may fill the field (list fields take as many columns as they have headers). */
export function hasRoomFor(field: ImportField, choice: ColumnChoice): boolean {
  return choice.filter((f) => f === field.field).length < field.headers.length;
}

/** The service's own match of each column (its dry-run report), as a choice: fields this wizard does not offer stay unmapped. */
export function choiceFromReport(
  kind: ImportKind,
  columnCount: number,
  columns: readonly { column: number; field: string | null }[],
  customFieldKeys: readonly string[],
): ColumnChoice {
  const offered = new Set(importFields(kind, customFieldKeys).map((f) => f.field));
  const choice: ColumnChoice = Array.from({ length: columnCount }, () => null);
  for (const { column, field } of columns) {
    if (column >= 1 && column <= columnCount && field !== null && offered.has(field)) choice[column - 1] = field;
  }
  return choice;
}
