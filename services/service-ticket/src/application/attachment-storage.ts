import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, MAX_BYTES_RULE, NotFoundError } from '@crm/platform/errors';
import { normalizeUuid } from '@crm/platform/ids';

/** 10 MiB: the attachment size limit unless TICKET_ATTACHMENT_MAX_BYTES says otherwise. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface StorageLimits {
  /** More bytes than this: the put fails with an InputError (max_bytes, HTTP 413) and nothing is kept. */
  maxBytes: number;
}

export interface StoredObject {
  size: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
}

/** Where attachment bytes live, by key (a UUID); the metadata lives in `ticket_attachments`. */
export interface AttachmentStorage {
  /** Stores the stream under the key, whole or not at all. */
  put(key: string, content: Readable, limits: StorageLimits): Promise<StoredObject>;
  /** The bytes of a stored key; NotFoundError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes the key's bytes; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** Only a UUID may name a stored file, so no key can reach outside the storage directory. */
export function storageKey(key: string): string {
  const safe = normalizeUuid(key);
  if (!safe || safe !== key) throw InputError.single(['storageKey'], 'uuid', 'must be a lowercase UUID');
  return safe;
}

/**
 * Files under one directory, named by their key. A put writes a private temporary file in the same directory, hashing
 * and counting as it goes, fsyncs it, then renames it into place and fsyncs the directory: a crash leaves either the
 * whole file or a stray `.partial-*` file, never a truncated attachment.
 */
export class LocalDiskAttachmentStorage implements AttachmentStorage {
  private ready: Promise<void> | null = null;

  constructor(private readonly root: string) {}

  private ensureRoot(): Promise<void> {
    this.ready ??= mkdir(this.root, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  async put(key: string, content: Readable, limits: StorageLimits): Promise<StoredObject> {
    const finalPath = join(this.root, storageKey(key));
    await this.ensureRoot();
    const partialPath = join(this.root, `.partial-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    let file: FileHandle | null = await open(partialPath, 'wx', 0o600);
    try {
      // The source is not destroyed on a refusal, so that an HTTP client still reads the error as the answer.
      for await (const chunk of content.iterator({ destroyOnReturn: false })) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        size += bytes.length;
        if (size > limits.maxBytes)
          throw InputError.single(['body'], MAX_BYTES_RULE, `must be at most ${limits.maxBytes} bytes`);
        hash.update(bytes);
        await file.write(bytes);
      }
      await file.sync();
      await file.close();
      file = null;
      await rename(partialPath, finalPath);
      await this.syncRoot();
      return { size, sha256: hash.digest('hex') };
    } catch (error) {
      content.resume();
      await file?.close();
      await rm(partialPath, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = join(this.root, storageKey(key));
    // Opened before answering, so a missing file is a NotFoundError and not a stream that fails half-way.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new NotFoundError('attachment content', key);
      throw error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.root, storageKey(key)), { force: true });
    await this.syncRoot();
  }

  /** The rename or removal itself is durable only once the directory is synced. */
  private async syncRoot(): Promise<void> {
    const dir = await open(this.root, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
