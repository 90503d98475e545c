import { attachmentTypes, checkAttachmentType, sniffAttachmentType } from './attachment-types';
import { refusedFields } from './refused-fields';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** The start of an OOXML package: a ZIP local header naming [Content_Types].xml, then a part of the given folder. */
const office = (folder: string) =>
  bytes(
    [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0],
    '[Content_Types].xml<Types/>',
    [0x50, 0x4b, 3, 4],
    `${folder}document.xml`,
  );

describe('attachment types by their bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3'), attachmentTypes.pdf],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), attachmentTypes.png],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]), attachmentTypes.jpeg],
    ['a GIF', bytes('GIF89a\x01\x00'), attachmentTypes.gif],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), attachmentTypes.webp],
    ['a Word document', office('word/'), attachmentTypes.docx],
    ['an Excel workbook', office('xl/'), attachmentTypes.xlsx],
    ['UTF-8 text in Chinese', Buffer.from('打印机无法连接\r\n\tError 0x12\n'), attachmentTypes.text],
  ])('recognises %s', (_name, head, expected) => {
    expect(sniffAttachmentType(head, true)).toBe(expected);
  });

  it.each([
    ['a Windows executable', bytes('MZ\x90\x00\x03\x00')],
    ['an ELF binary', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])],
    ['a plain ZIP archive', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0], 'payload.exe')],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['text with NUL bytes', bytes('hello', [0], 'world')],
    ['Latin-1 bytes that are not UTF-8', bytes('caf\xe9 cr\xe8me')],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', (_name, head) => {
    expect(sniffAttachmentType(head, true)).toBeNull();
  });

  it('reads a text window cut inside a multi-byte character as text, but not the same bytes as a whole file', () => {
    const cut = Buffer.from('工单', 'utf8').subarray(0, 4);
    expect(sniffAttachmentType(cut, false)).toBe(attachmentTypes.text);
    expect(sniffAttachmentType(cut, true)).toBeNull();
  });

  it('takes the type of the bytes when none or octet-stream is declared, and ignores parameters', () => {
    const pdf = bytes('%PDF-1.4');
    expect(checkAttachmentType(pdf, true, '')).toBe(attachmentTypes.pdf);
    expect(checkAttachmentType(pdf, true, 'application/octet-stream')).toBe(attachmentTypes.pdf);
    expect(checkAttachmentType(Buffer.from('hi'), true, 'text/plain; charset=utf-8')).toBe(attachmentTypes.text);
  });

  it('refuses bytes that are not the declared type, or no allowed type, on body with the media_type rule', () => {
    expect(refusedFields(() => checkAttachmentType(bytes('MZ\x90\x00'), true, 'application/pdf'))).toEqual([
      ['body', 'media_type'],
    ]);
    expect(refusedFields(() => checkAttachmentType(bytes('%PDF-1.4'), true, 'image/png'))).toEqual([
      ['body', 'media_type'],
    ]);
    expect(() => checkAttachmentType(bytes('%PDF-1.4'), true, 'image/png')).toThrow(
      'the bytes are application/pdf, not the declared image/png',
    );
  });
});
