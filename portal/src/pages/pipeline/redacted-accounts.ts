interface RedactedField {
  type?: unknown;
  id?: unknown;
  field?: unknown;
}

/**
 * The deals whose account the API withheld from the caller (extensions.redactedFields naming Opportunity.account).
 * A null account not named here failed to load (a subgraph error or timeout) and must not be shown as hidden.
 */
export function redactedDealAccountsOf(extensions: Record<string, unknown> | undefined): string[] {
  const list = Array.isArray(extensions?.redactedFields) ? (extensions.redactedFields as RedactedField[]) : [];
  return list
    .filter((r) => r.type === 'Opportunity' && r.field === 'account' && typeof r.id === 'string')
    .map((r) => r.id as string);
}
