import type { AccountFields, Address } from '../domain/account';
import { validateAccountFields } from '../domain/account-rules';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import { accountColumnAliases, type AccountColumn } from './account-columns';
import {
  cellText,
  ColumnResolver,
  describeColumns,
  parseCountry,
  splitList,
  violationsToRowErrors,
  type ColumnMapping,
  type CsvHeaderColumn,
  type ImportRowError,
  type RowColumns,
  type RowMapping,
} from '@crm/platform/csv-import';
import { parseCompanySize, parseGrade, parseLifecycleStage } from './customer-cell-values';

export interface AccountRowOptions {
  /** Country of addresses without a country column and of phone numbers without '+'. */
  defaultCountry?: string;
}

const resolver = new ColumnResolver(accountColumnAliases);

const addressColumns: readonly AccountColumn[] = [
  'addressKind',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'countryCode',
];

// Which column a violation's path came from: ['addresses', 0, 'city'] → the city column.
const columnOfPath: Readonly<Record<string, AccountColumn>> = {
  kind: 'addressKind',
  line1: 'addressLine1',
  line2: 'addressLine2',
  city: 'city',
  region: 'region',
  postalCode: 'postalCode',
  countryCode: 'countryCode',
};

/** Where each column of an account file goes, for the import report. */
export function describeAccountColumns(
  header: CsvHeaderColumn[],
  customFieldDefinitions: CustomFieldDefinition[],
): ColumnMapping[] {
  return describeColumns(header, resolver, {
    kind: 'an account',
    listFields: ['phones', 'emails', 'tags'],
    customFieldKeys: customFieldDefinitions.map((definition) => definition.key),
  });
}

function first(columns: RowColumns<AccountColumn>, field: AccountColumn): string | null {
  for (const value of columns.fields.get(field)?.values ?? []) {
    const text = cellText(value);
    if (text !== null) return text;
  }
  return null;
}

function header(columns: RowColumns<AccountColumn>, field: AccountColumn): string {
  return columns.fields.get(field)?.headers[0] ?? field;
}

function readAddress(columns: RowColumns<AccountColumn>, defaultCountry: string): Address | null {
  if (addressColumns.every((field) => first(columns, field) === null)) return null;
  const country = first(columns, 'countryCode');
  return {
    kind: first(columns, 'addressKind') ?? 'office',
    line1: first(columns, 'addressLine1'),
    line2: first(columns, 'addressLine2'),
    city: first(columns, 'city'),
    region: first(columns, 'region'),
    postalCode: first(columns, 'postalCode'),
    countryCode: country === null ? defaultCountry : parseCountry(country),
  };
}

/**
 * One CSV row → account fields, checked by the domain rules. Errors name the row and the column as written in the
 * file. `cf_<key>` columns fill custom fields; other unknown columns are ignored (`describeAccountColumns` says so).
 */
export function mapAccountRow(
  record: Record<string, string>,
  rowNumber: number,
  customFieldDefinitions: CustomFieldDefinition[],
  options: AccountRowOptions = {},
): RowMapping<{ fields: AccountFields }> {
  const defaultCountry = options.defaultCountry ?? 'CN';
  const columns = resolver.columns(record);
  const errors: ImportRowError[] = [];
  const refuse = (field: AccountColumn, reason: string): void => {
    errors.push({ row: rowNumber, field: header(columns, field), reason });
  };

  const input: Partial<AccountFields> = {
    name: first(columns, 'name') ?? '',
    taxId: first(columns, 'taxId'),
    industry: first(columns, 'industry'),
    website: first(columns, 'website'),
    phones: (columns.fields.get('phones')?.values ?? []).flatMap(splitList),
    emails: (columns.fields.get('emails')?.values ?? []).flatMap(splitList),
    tags: (columns.fields.get('tags')?.values ?? []).flatMap(splitList),
    ownerId: first(columns, 'ownerId'),
    teamId: first(columns, 'teamId'),
    description: first(columns, 'description'),
    addresses: [],
    customFields: {},
  };
  const size = first(columns, 'size');
  if (size !== null) {
    const parsed = parseCompanySize(size);
    if (parsed === undefined)
      refuse('size', `"${size}" is not a size (micro, small, medium, large, enterprise; 微型…特大型)`);
    input.size = parsed ?? null;
  }
  const grade = first(columns, 'grade');
  if (grade !== null) {
    const parsed = parseGrade(grade);
    if (parsed === undefined) refuse('grade', `"${grade}" is not a grade (A, B, C or 甲, 乙, 丙)`);
    input.grade = parsed ?? null;
  }
  const stage = first(columns, 'lifecycleStage');
  if (stage !== null) {
    const parsed = parseLifecycleStage(stage);
    if (parsed === undefined) {
      refuse(
        'lifecycleStage',
        `"${stage}" is not a stage (prospect, customer, churned or 潜在客户, 成交客户, 流失客户)`,
      );
    }
    input.lifecycleStage = parsed ?? 'prospect';
  }
  const address = readAddress(columns, defaultCountry);
  if (address !== null) input.addresses = [address];
  const customFields: Record<string, unknown> = {};
  for (const [key, { value }] of columns.custom) {
    if (cellText(value) !== null) customFields[key] = value.trim();
  }
  input.customFields = customFields;

  const { value, violations } = validateAccountFields(input, {
    mode: 'create',
    customFieldDefinitions,
    defaultPhoneCountry: defaultCountry,
  });
  errors.push(
    ...violationsToRowErrors(violations, rowNumber, (path) => {
      const [field, index, part] = path;
      if (field === 'customFields' && typeof index === 'string')
        return columns.custom.get(index)?.header ?? `cf_${index}`;
      if (field === 'addresses' && typeof part === 'string' && columnOfPath[part])
        return header(columns, columnOfPath[part]);
      return typeof field === 'string' && field in accountColumnAliases
        ? header(columns, field as AccountColumn)
        : undefined;
    }),
  );
  return errors.length === 0 ? { ok: true, fields: value } : { ok: false, errors };
}
