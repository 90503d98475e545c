import { attachmentDisposition, attachmentFileName } from './attachment-file-name';
import { refusedFields } from './refused-fields';

describe('attachment file names', () => {
  it('keeps only the last path segment of what the client sent', () => {
    expect(attachmentFileName('C:\\Users\\li\\发票 2026.pdf')).toBe('发票 2026.pdf');
    expect(attachmentFileName('../../etc/passwd')).toBe('passwd');
    expect(attachmentFileName('  report.xlsx ')).toBe('report.xlsx');
  });

  it.each([
    [undefined, 'required'],
    ['', 'required'],
    ['dir/..', 'required'],
    ['a/', 'required'],
    ['x'.repeat(256), 'maxLength'],
    ['evil\r\nSet-Cookie: a=b.txt', 'characters'],
  ])('refuses %j naming fileName and the rule', (raw, rule) => {
    expect(refusedFields(() => attachmentFileName(raw))).toEqual([['fileName', rule]]);
  });

  it('offers the file as a download whose header no name can break out of', () => {
    expect(attachmentDisposition('发票 "Q3".pdf')).toBe(
      `attachment; filename="__ _Q3_.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%22Q3%22.pdf`,
    );
    expect(attachmentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
