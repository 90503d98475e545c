import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InputError, MAX_BYTES_RULE } from '../errors';

/** An upload saved to a private temporary file, to be read back at disk speed. */
export interface SpooledUpload {
  open(): Readable;
  discard(): Promise<void>;
}

/** 1 GiB: far above any customer list, low enough that one upload cannot fill the service's disk. */
export const DEFAULT_MAX_SPOOL_BYTES = 1024 * 1024 * 1024;

/**
 * Reads the whole upload into a temporary file before any transaction opens, so that a slow client never holds a
 * transaction (and its locks) open while the service waits for the network. A larger upload than `maxBytes` is
 * refused (InputError on `body`) and nothing of it is kept.
 */
export async function spoolUpload(
  input: Readable,
  options: { maxBytes?: number; directory?: string } = {},
): Promise<SpooledUpload> {
  const dir = await mkdtemp(join(options.directory ?? tmpdir(), 'crm-import-'));
  const path = join(dir, 'upload');
  const discard = () => rm(dir, { recursive: true, force: true });
  const file = createWriteStream(path, { mode: 0o600 });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SPOOL_BYTES;
  let seen = 0;
  try {
    // The request itself is not destroyed on a refusal, so that the client still gets the error as an answer.
    for await (const chunk of input.iterator({ destroyOnReturn: false })) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      seen += bytes.length;
      if (seen > maxBytes) throw InputError.single(['body'], MAX_BYTES_RULE, `must be at most ${maxBytes} bytes`);
      if (!file.write(bytes)) await once(file, 'drain');
    }
    file.end();
    await finished(file);
  } catch (error) {
    file.destroy();
    input.resume();
    await discard();
    throw error;
  }
  return { open: () => createReadStream(path), discard };
}
