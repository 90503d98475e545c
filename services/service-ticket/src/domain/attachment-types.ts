// The attachment types a ticket accepts, recognised by their bytes (magic numbers), never by the name or the
// declared type alone: the `file-type` package is not installed, so this is the small table the service needs.
import { InputError, MEDIA_TYPE_RULE } from '@crm/platform/errors';

export const attachmentTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  text: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentContentType = (typeof attachmentTypes)[keyof typeof attachmentTypes];

/** How many leading bytes the check reads: enough for the names of an Office file's first ZIP entries. */
export const SNIFF_BYTES = 64 * 1024;

/** Declared types that say nothing about the content: the bytes decide alone. */
const undeclared = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];

/** An OOXML package is a ZIP whose entries name `[Content_Types].xml` and its part folder (`word/`, `xl/`). */
function officeType(head: Buffer): AttachmentContentType | null {
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return null;
  const names = head.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/')) return attachmentTypes.docx;
  if (names.includes('xl/')) return attachmentTypes.xlsx;
  return null;
}

/** Tab, line feed, form feed, carriage return. */
const textControls = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** UTF-8 text without NULs or control characters other than tab, line feed, form feed and carriage return. */
function isPlainText(head: Buffer, complete: boolean): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    // Streaming mode: a sniff window that ends inside a multi-byte character is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return false;
  }
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && !textControls.has(code)) || code === 0x7f) return false;
  }
  return true;
}

/** The allowed type these leading bytes are, or null. `complete` says the head is the whole file. */
export function sniffAttachmentType(head: Buffer, complete: boolean): AttachmentContentType | null {
  if (startsWith(head, ascii('%PDF-'))) return attachmentTypes.pdf;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return attachmentTypes.png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return attachmentTypes.jpeg;
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return attachmentTypes.gif;
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return attachmentTypes.webp;
  const office = officeType(head);
  if (office) return office;
  return isPlainText(head, complete) ? attachmentTypes.text : null;
}

/**
 * The stored type of an upload: what its bytes are, when that is allowed and agrees with the declared type (when one
 * is declared); otherwise an InputError on `body` with the media_type rule (HTTP 415) naming both.
 */
export function checkAttachmentType(head: Buffer, complete: boolean, declared: string): AttachmentContentType {
  const declaredType = declared.split(';')[0].trim().toLowerCase();
  const sniffed = sniffAttachmentType(head, complete);
  const allowed = Object.values(attachmentTypes).join(', ');
  if (!sniffed)
    throw InputError.single(['body'], MEDIA_TYPE_RULE, `the bytes are none of the allowed types (${allowed})`);
  if (!undeclared.has(declaredType) && declaredType !== sniffed)
    throw InputError.single(
      ['body'],
      MEDIA_TYPE_RULE,
      `the bytes are ${sniffed}, not the declared ${declaredType}: the content type must match the content`,
    );
  return sniffed;
}
