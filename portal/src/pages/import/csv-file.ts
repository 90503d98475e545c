import Papa from 'papaparse';

export type CsvEncoding = 'utf-8' | 'gbk';

/** What the browser reads of a chosen file before anything is sent: its encoding, header row and first rows. */
export interface CsvPreview {
  encoding: CsvEncoding;
  headers: string[];
  /** Up to `PREVIEW_ROWS` rows after the header, as parsed. */
  rows: string[][];
  /** Bytes of the file up to and including the header row's line break (and the BOM before it). */
  headerBytes: number;
  /** The file's line break: a new header row must end with it, or the service reads the rows as one. */
  lineBreak: '\r\n' | '\n';
}

export const PREVIEW_ROWS = 5;
/** Enough of a file for its header and preview rows; the rest is never read into memory. */
const SAMPLE_BYTES = 256 * 1024;

/** UTF-8 when the sample decodes as UTF-8 (a cut last character allowed), else GBK (Excel's Chinese default). */
export function sniffEncoding(sample: Uint8Array): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

/**
 * Where the header row ends (after the first line break outside quotes) and which line break the file uses. Quotes and line breaks are ASCII bytes, and
 * neither UTF-8 nor GBK uses them inside a multi-byte character, so the bytes can be scanned without decoding.
 */
export function headerRow(bytes: Uint8Array): Pick<CsvPreview, 'headerBytes' | 'lineBreak'> {
  let quoted = false;
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === 0x22) quoted = !quoted;
    else if (bytes[at] === 0x0a && !quoted) {
      return { headerBytes: at + 1, lineBreak: at > 0 && bytes[at - 1] === 0x0d ? '\r\n' : '\n' };
    }
  }
  return { headerBytes: bytes.length, lineBreak: '\n' };
}

async function readBytes(blob: Blob): Promise<Uint8Array> {
  // jsdom's Blob lacks arrayBuffer(); FileReader works in browsers and jsdom alike.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

/** Reads the header and the first rows of a CSV file in the browser, in the encoding given or sniffed. */
export async function previewCsv(file: Blob, encoding: CsvEncoding | 'auto'): Promise<CsvPreview> {
  const sample = await readBytes(file.slice(0, SAMPLE_BYTES));
  const chosen = encoding === 'auto' ? sniffEncoding(sample) : encoding;
  const text = new TextDecoder(chosen).decode(sample).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { preview: PREVIEW_ROWS + 1, skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = parsed.data;
  return { encoding: chosen, headers: headers.map((h) => h.trim()), rows, ...headerRow(sample) };
}

/** The file as the service gets it: the new header row, then every byte after the old one (never decoded). */
export function withHeader(file: Blob, preview: Pick<CsvPreview, 'headerBytes' | 'lineBreak'>, header: string): Blob {
  return new Blob([`${header}${preview.lineBreak}`, file.slice(preview.headerBytes)], { type: 'text/csv' });
}
