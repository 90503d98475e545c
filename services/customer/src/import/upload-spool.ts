import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload saved to a private temporary file, to be read back at disk speed. */
export interface SpooledUpload {
  open(): Readable;
  discard(): Promise<void>;
}

/**
 * Reads the whole upload into a temporary file before any transaction opens, so that a slow client never holds a
 * transaction (and its locks) open while the service waits for the network.
 */
export async function spoolUpload(input: Readable): Promise<SpooledUpload> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-import-'));
  const path = join(dir, 'upload');
  const discard = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(input, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { open: () => createReadStream(path), discard };
}
