const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Labels may be internationalized (e.g. 公司.中国), so letters and digits of any script are allowed.
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const topLevelLabel = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/** Trims, converts full-width characters (＠, ．) and lowercases; null when the result is not a valid address. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !localPart.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => domainLabel.test(label))) return null;
  return topLevelLabel.test(labels[labels.length - 1]) ? email : null;
}
