import { headerRow, sniffEncoding, withHeader } from './csv-file';

/** 公司名称,电话 in GBK (what Chinese Excel saves), then one row. */
const gbkHeader = [0xb9, 0xab, 0xcb, 0xbe, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0d, 0x0a];
const gbkRow = [0xc9, 0xee, 0xdb, 0xda, 0x2c, 0x31, 0x33, 0x38, 0x0a];

describe('the CSV file as the wizard sends it', () => {
  it('tells a GBK file from a UTF-8 one, a UTF-8 character cut at the end of the sample included', () => {
    expect(sniffEncoding(new Uint8Array([...gbkHeader, ...gbkRow]))).toBe('gbk');
    const utf8 = new TextEncoder().encode('公司名称,电话\n深圳');
    expect(sniffEncoding(utf8.subarray(0, utf8.length - 1))).toBe('utf-8');
  });

  it('finds the end of the header row without decoding, a quoted line break inside a header included', () => {
    expect(headerRow(new Uint8Array([...gbkHeader, ...gbkRow]))).toEqual({
      headerBytes: gbkHeader.length,
      lineBreak: '\r\n',
    });
    const quoted = new TextEncoder().encode('"名称\n(必填)",电话\n深圳,1\n');
    expect(headerRow(quoted)).toEqual({
      headerBytes: new TextEncoder().encode('"名称\n(必填)",电话\n').length,
      lineBreak: '\n',
    });
  });

  it('replaces the header row and keeps every byte of the rows as they were (GBK stays GBK)', async () => {
    const file = new Blob([new Uint8Array([...gbkHeader, ...gbkRow])]);
    const preview = { headerBytes: gbkHeader.length, lineBreak: '\r\n' as const };
    const sent = new Uint8Array(await withHeader(file, preview, 'name,phone').arrayBuffer());
    expect([...sent]).toEqual([...new TextEncoder().encode('name,phone\r\n'), ...gbkRow]);
  });

  it("ends the new header row with the file's own line break (a CRLF header over LF rows reads as one row)", async () => {
    const bytes = new TextEncoder().encode('公司名称,电话\n深圳甲,1\n深圳乙,2\n');
    const sent = await withHeader(new Blob([bytes]), headerRow(bytes), 'name,phone').text();
    expect(sent).toBe('name,phone\n深圳甲,1\n深圳乙,2\n');
  });
});
