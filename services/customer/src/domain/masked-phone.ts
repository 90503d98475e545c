/**
 * A phone number as a service agent may see it before they may read the account: enough to confirm with the caller
 * ("ends in 911"), not enough to dial. Keeps the leading '+' and country/area prefix (at most 4 characters) and the
 * last 3 digits; every other digit becomes '•'.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 6) return `${'•'.repeat(Math.max(digits.length - 2, 1))}${digits.slice(-2)}`;
  const head = phone.startsWith('+') ? `+${digits.slice(0, 3)}` : digits.slice(0, 3);
  const hidden = digits.length - 3 - 3;
  return `${head}${'•'.repeat(hidden)}${digits.slice(-3)}`;
}
