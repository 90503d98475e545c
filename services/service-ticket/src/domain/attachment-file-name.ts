// An attachment's file name is only a label shown and offered on download: never a path, never trusted in a header.
import { InputError } from '@crm/platform/errors';

const maxFileNameLength = 255;

/**
 * The name to keep for an uploaded file: its last path segment (a client may send `C:\docs\a.pdf`), trimmed, NFC.
 * Refused (InputError naming `fileName`) when empty, `.`/`..`, too long or holding control characters.
 */
export function attachmentFileName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC').split(/[\\/]/).pop()?.trim() ?? '';
  if (!name || name === '.' || name === '..')
    throw InputError.single(['fileName'], 'required', 'name the file (x-file-name header), without a path');
  if (name.length > maxFileNameLength)
    throw InputError.single(['fileName'], 'maxLength', `at most ${maxFileNameLength} characters`);
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw InputError.single(['fileName'], 'characters', 'must not contain control characters');
  return name;
}

/**
 * `Content-Disposition: attachment` naming the file: an ASCII fallback (quotes and non-ASCII replaced) and the exact
 * name RFC 5987-encoded, so that no name can break out of the header or make the browser render the file inline.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
