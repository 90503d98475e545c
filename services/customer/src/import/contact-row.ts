import type { ContactFields } from '../domain/contact';
import { validateContactFields } from '../domain/contact-rules';
import { checkTaxId, normalizeTaxId } from '../domain/tax-id';
import {
  cellText,
  ColumnResolver,
  describeColumns,
  parseDate,
  parseYesNo,
  splitList,
  violationsToRowErrors,
  type ColumnMapping,
  type CsvHeaderColumn,
  type ImportRowError,
  type RowColumns,
  type RowMapping,
} from '@crm/platform/csv-import';
import { contactColumnAliases, type ContactColumn } from './contact-columns';
import { parsePreferredChannel } from './customer-cell-values';

/** How an imported contact finds its account; the importer links by id, else tax id, else exact name. */
export interface AccountReference {
  id: string | null;
  taxId: string | null;
  name: string | null;
}

export interface ContactRowOptions {
  /** Country of phone numbers without '+'. */
  defaultCountry?: string;
  /** Today as YYYY-MM-DD, to refuse birthdays in the future. */
  today?: string;
}

export type ImportedContact = Omit<ContactFields, 'accountId'>;

const resolver = new ColumnResolver(contactColumnAliases);

/** Where each column of a contact file goes, for the import report. */
export function describeContactColumns(header: CsvHeaderColumn[]): ColumnMapping[] {
  return describeColumns(header, resolver, {
    kind: 'a contact',
    listFields: ['phones', 'emails'],
    customFieldKeys: null,
  });
}

function first(columns: RowColumns<ContactColumn>, field: ContactColumn): string | null {
  for (const value of columns.fields.get(field)?.values ?? []) {
    const text = cellText(value);
    if (text !== null) return text;
  }
  return null;
}

function header(columns: RowColumns<ContactColumn>, field: ContactColumn): string {
  return columns.fields.get(field)?.headers[0] ?? field;
}

/**
 * One CSV row → contact fields and the reference to its account (id, tax id or name: at least one), checked by the
 * domain rules. Errors name the row and the column as written in the file.
 */
export function mapContactRow(
  record: Record<string, string>,
  rowNumber: number,
  options: ContactRowOptions = {},
): RowMapping<{ fields: ImportedContact; account: AccountReference }> {
  const columns = resolver.columns(record);
  const errors: ImportRowError[] = [];
  const refuse = (field: ContactColumn, reason: string): void => {
    errors.push({ row: rowNumber, field: header(columns, field), reason });
  };

  const accountTaxId = first(columns, 'accountTaxId');
  const account: AccountReference = {
    id: first(columns, 'accountId'),
    taxId: accountTaxId === null ? null : normalizeTaxId(accountTaxId),
    name: first(columns, 'accountName'),
  };
  if (account.id === null && account.taxId === null && account.name === null) {
    errors.push({
      row: rowNumber,
      field: 'account',
      reason: 'the contact needs its account: account_id, account_tax_id or account_name',
    });
  }
  if (account.taxId !== null) {
    for (const found of checkTaxId(account.taxId)) refuse('accountTaxId', found.message);
  }

  const input: Partial<ContactFields> = {
    name: first(columns, 'name') ?? '',
    title: first(columns, 'title'),
    role: first(columns, 'role'),
    phones: (columns.fields.get('phones')?.values ?? []).flatMap(splitList),
    emails: (columns.fields.get('emails')?.values ?? []).flatMap(splitList),
    ownerId: first(columns, 'ownerId'),
    description: first(columns, 'description'),
  };
  if (account.id !== null) input.accountId = account.id;
  const birthday = first(columns, 'birthday');
  if (birthday !== null) {
    const parsed = parseDate(birthday);
    if (parsed === undefined) refuse('birthday', `"${birthday}" is not a date (2024-03-05, 2024/3/5 or 2024年3月5日)`);
    else input.birthday = parsed;
  }
  const channel = first(columns, 'preferredChannel');
  if (channel !== null) {
    const parsed = parsePreferredChannel(channel);
    if (parsed === undefined)
      refuse('preferredChannel', `"${channel}" is not a channel (phone, email, wechat, sms, visit)`);
    else input.preferredChannel = parsed;
  }
  for (const consent of ['consentEmail', 'consentSms', 'consentWechat'] as const) {
    const text = first(columns, consent);
    if (text === null) continue;
    const parsed = parseYesNo(text);
    if (parsed === undefined) refuse(consent, `"${text}" is not yes or no (是/否)`);
    else input[consent] = parsed;
  }

  const { value, violations } = validateContactFields(input, {
    mode: 'create',
    accountLinkedLater: account.id === null,
    defaultPhoneCountry: options.defaultCountry ?? 'CN',
    today: options.today,
  });
  errors.push(
    ...violationsToRowErrors(violations, rowNumber, ([field]) =>
      typeof field === 'string' && field in contactColumnAliases ? header(columns, field as ContactColumn) : undefined,
    ),
  );
  if (errors.length > 0) return { ok: false, errors };
  const { accountId, ...fields } = value;
  return { ok: true, fields, account: { ...account, id: account.id === null ? null : accountId } };
}
