interface RedactedField {
  type: string;
  id: string;
  field: string;
}

/** The fields of this account the services withheld from the caller (extensions.redactedFields). */
export function redactedFieldsOf(extensions: Record<string, unknown> | undefined, accountId: string): Set<string> {
  const list = Array.isArray(extensions?.redactedFields) ? (extensions.redactedFields as RedactedField[]) : [];
  return new Set(list.filter((r) => r.type === 'Account' && r.id === accountId).map((r) => r.field));
}
