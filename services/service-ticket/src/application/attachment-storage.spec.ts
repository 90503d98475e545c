import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { InputError, NotFoundError } from '@crm/platform/errors';
import { LocalDiskAttachmentStorage } from './attachment-storage';

describe('local-disk attachment storage', () => {
  let root: string;
  let storage: LocalDiskAttachmentStorage;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'attachment-storage-spec-'));
    storage = new LocalDiskAttachmentStorage(join(root, 'files'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('stores a stream under its key and gives back the same bytes, their size and SHA-256', async () => {
    const key = randomUUID();
    const stored = await storage.put(key, chunks('第一行\n', 'second line\n'), { maxBytes: 1000 });
    const expected = Buffer.from('第一行\nsecond line\n');
    expect(stored).toEqual({ size: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
    expect(await buffer(await storage.get(key))).toEqual(expected);
    expect(await readdir(join(root, 'files'))).toEqual([key]);
  });

  it('refuses a stream over the limit with max_bytes on body and keeps nothing of it', async () => {
    const key = randomUUID();
    const put = storage.put(key, chunks('12345', '67890', 'x'), { maxBytes: 10 });
    await expect(put).rejects.toThrow(InputError);
    await expect(put).rejects.toMatchObject({ violations: [{ path: ['body'], rule: 'max_bytes' }] });
    expect(await readdir(join(root, 'files'))).toEqual([]);
    await expect(storage.get(key)).rejects.toThrow(NotFoundError);
  });

  it.each(['../../etc/passwd', '..', 'a/b', '/tmp/x', `${randomUUID()}/../x`, randomUUID().toUpperCase(), ''])(
    'refuses the key %j, so nothing is written or read outside its directory',
    async (key) => {
      await expect(storage.put(key, chunks('x'), { maxBytes: 10 })).rejects.toMatchObject({
        violations: [{ path: ['storageKey'], rule: 'uuid' }],
      });
      await expect(storage.get(key)).rejects.toMatchObject({ violations: [{ path: ['storageKey'], rule: 'uuid' }] });
      await expect(storage.delete(key)).rejects.toThrow(InputError);
    },
  );

  it('deletes a key, and deleting it again is not an error', async () => {
    const key = randomUUID();
    await storage.put(key, chunks('bytes'), { maxBytes: 100 });
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow(NotFoundError);
  });

  it('leaves no partial file when the source fails mid-stream', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(randomUUID(), failing, { maxBytes: 100 })).rejects.toThrow('client went away');
    expect(await readdir(join(root, 'files'))).toEqual([]);
  });
});
