/** An audited JSON value as one line of text (null as the "unset" word the caller passes). */
export function auditValueText(value: unknown, unset: string): string {
  if (value === null || value === undefined) return unset;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
