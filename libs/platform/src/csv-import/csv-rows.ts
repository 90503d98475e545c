import { pipeline, Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { InputError } from '../errors';
import { codecFor, sniffCsvEncoding, type CsvEncoding } from './csv-encoding';

export interface CsvRecordRow {
  /** The row as a spreadsheet numbers it: the header is row 1, the first data row 2 (blank rows count too). */
  rowNumber: number;
  /** Cell text by header name, untrimmed. */
  record: Record<string, string>;
}

export interface CsvRowError {
  rowNumber: number;
  /** Why the row could not be read, in words for the person who made the file. */
  error: string;
}

export type CsvRow = CsvRecordRow | CsvRowError;

/** A column of the header row, and why its cells are not read when they are not. */
export interface CsvHeaderColumn {
  /** Position in the file: 1 is the first column (A). */
  column: number;
  /** The header as written (BOM and surrounding spaces removed). */
  header: string;
  skipped: 'empty_header' | 'duplicate_header' | null;
}

export interface CsvReadOptions {
  encoding: 'auto' | CsvEncoding;
  /** Called once with the header row, before the first record. */
  onHeader?: (columns: CsvHeaderColumn[]) => void;
  delimiter?: string;
  /** A longer row is reported as an error; it bounds memory when a quote is never closed. */
  maxRowBytes?: number;
}

const sniffBytes = 64 * 1024;
const defaultMaxRowBytes = 1024 * 1024;

/** What the parser knew when it produced a record, kept in step with the records it emits. */
interface RecordPosition {
  rowNumber: number;
  /** Rows the parser skipped just before this one, so errors come out in file order. */
  skippedBefore: CsvRowError[];
}

function toBuffer(chunk: string | Buffer): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/** Reads the first bytes to choose the encoding, then replays them ahead of the rest of the stream. */
async function decideEncoding(
  chunks: AsyncIterator<string | Buffer>,
  wanted: CsvReadOptions['encoding'],
): Promise<{ encoding: CsvEncoding; head: Buffer[]; ended: boolean }> {
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  if (wanted !== 'auto') return { encoding: wanted, head, ended };
  while (size < sniffBytes) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  return { encoding: sniffCsvEncoding(Buffer.concat(head), ended), head, ended };
}

async function* replay(head: Buffer[], chunks: AsyncIterator<string | Buffer>, ended: boolean): AsyncGenerator<Buffer> {
  try {
    yield* head;
    if (ended) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield toBuffer(next.value);
  } finally {
    // Stopping early (the caller broke out of the loop) must release the input too.
    await chunks.return?.();
  }
}

function describeSkip(error: CsvError | undefined, maxRowBytes: number): string {
  switch (error?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed (a " is missing), so the rest of the file could not be read';
    case 'CSV_MAX_RECORD_SIZE':
      return `the row is longer than ${maxRowBytes} bytes; most often a " is missing and the rest of the file could not be read`;
    default:
      return error?.message ?? 'the row could not be read';
  }
}

function headerColumns(fields: string[], rowNumber: number): CsvHeaderColumn[] {
  const names = fields.map((field) => field.replace(/^\uFEFF/, '').trim());
  if (names.every((name) => name === '')) {
    throw InputError.single(['file', 'header'], 'required', `row ${rowNumber}: the header row has no column names`);
  }
  // A column without a name, or a second column of the same name, is not read; the import report says so.
  return names.map((header, index) => ({
    column: index + 1,
    header,
    skipped: header === '' ? 'empty_header' : names.indexOf(header) !== index ? 'duplicate_header' : null,
  }));
}

function toRow(header: CsvHeaderColumn[], fields: string[], rowNumber: number): CsvRow {
  if (fields.length > header.length && fields.slice(header.length).some((field) => field.trim() !== '')) {
    return { rowNumber, error: `the row has ${fields.length} values but the header has ${header.length} columns` };
  }
  const entries: [string, string][] = [];
  header.forEach((column, index) => {
    // Short rows (trailing empty cells left out) are padded.
    if (column.skipped === null) entries.push([column.header, fields[index] ?? '']);
  });
  return { rowNumber, record: Object.fromEntries(entries) };
}

/**
 * Streams the rows of a CSV file (never the whole file in memory). Encoding 'auto' reads a UTF-8 BOM or sniffs the
 * first 64 KiB: valid UTF-8 is UTF-8, anything else GBK. Blank rows are skipped but counted; a row that cannot be read
 * is yielded as `{ rowNumber, error }` and reading goes on where the parser can. A file without a header is an
 * InputError; a column without a name or with the name of an earlier one is skipped (`onHeader` tells which).
 */
export async function* readCsvRows(
  input: NodeJS.ReadableStream | Readable,
  options: CsvReadOptions,
): AsyncGenerator<CsvRow, void, undefined> {
  const maxRowBytes = options.maxRowBytes ?? defaultMaxRowBytes;
  const chunks = (input as AsyncIterable<string | Buffer>)[Symbol.asyncIterator]();
  const { encoding, head, ended } = await decideEncoding(chunks, options.encoding);

  let rowNumber = 0;
  let skipped: CsvRowError[] = [];
  // on_record runs as the parser reads; records are taken later, in the same order, so positions wait in a queue.
  const positions: RecordPosition[] = [];
  const parser = parse({
    bom: true,
    delimiter: options.delimiter ?? ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: maxRowBytes,
    on_skip: (error: CsvError | undefined): undefined => {
      rowNumber += 1;
      skipped.push({ rowNumber, error: describeSkip(error, maxRowBytes) });
      return undefined;
    },
    on_record: (fields: string[]): string[] => {
      rowNumber += 1;
      positions.push({ rowNumber, skippedBefore: skipped });
      skipped = [];
      return fields;
    },
  });
  const source = Readable.from(replay(head, chunks, ended), { objectMode: false });
  pipeline(source, iconv.decodeStream(codecFor(encoding)), parser, () => {
    // Errors reach the reader through the parser's iterator; an early stop by the reader is not an error.
  });

  let header: CsvHeaderColumn[] | null = null;
  for await (const fields of parser as AsyncIterable<string[]>) {
    const position = positions.shift();
    if (position === undefined) throw new Error('csv reader lost track of row numbers');
    yield* position.skippedBefore;
    if (fields.every((field) => field.trim() === '')) continue;
    if (header === null) {
      header = headerColumns(fields, position.rowNumber);
      options.onHeader?.(header);
      continue;
    }
    yield toRow(header, fields, position.rowNumber);
  }
  yield* skipped;
  if (header === null) throw InputError.single(['file', 'header'], 'required', 'the file has no header row');
}
