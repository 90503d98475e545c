import { isUtf8 } from 'node:buffer';

export type CsvEncoding = 'utf-8' | 'gbk';

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes up to the last complete UTF-8 character, so a sample cut inside a character still validates. */
function withoutIncompleteTail(sample: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, sample.length); back++) {
    const byte = sample[sample.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return expected > back ? sample.subarray(0, sample.length - back) : sample;
  }
  return sample;
}

/**
 * Guesses the encoding of a CSV from its first bytes: a UTF-8 BOM or valid UTF-8 means UTF-8, anything else GBK
 * (what Excel writes for "CSV" on Chinese Windows). `complete` says the sample is the whole file.
 */
export function sniffCsvEncoding(sample: Buffer, complete: boolean): CsvEncoding {
  if (sample.subarray(0, 3).equals(utf8Bom)) return 'utf-8';
  return isUtf8(complete ? sample : withoutIncompleteTail(sample)) ? 'utf-8' : 'gbk';
}

/** The iconv-lite codec that decodes an encoding; GB18030 is a superset of GBK that also decodes GBK files. */
export function codecFor(encoding: CsvEncoding): string {
  return encoding === 'gbk' ? 'gb18030' : 'utf-8';
}
