/**
 * An http(s) URL as stored, or null when the text cannot be one. A bare host ('www.example.com') gets 'https://',
 * because that is how sales staff write websites; any other scheme is refused.
 */
export function normalizeWebUrl(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  if (text === '' || text.length > 2048 || /\s/.test(text)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname !== 'localhost' && !url.hostname.includes('.')) return null;
  return url.href;
}
