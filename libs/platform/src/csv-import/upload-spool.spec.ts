import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../errors';
import { spoolUpload } from './upload-spool';

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += (chunk as Buffer).toString('utf8');
  return out;
}

describe('upload spool', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'upload-spool-spec-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('gives back the whole upload, and removes its file when discarded', async () => {
    const upload = await spoolUpload(Readable.from([Buffer.from('name\n'), Buffer.from('甲公司\n')]), { directory });
    expect(await readdir(directory)).toHaveLength(1);
    expect(await text(upload.open())).toBe('name\n甲公司\n');
    await upload.discard();
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses an upload over the limit as bad input on the body, and keeps nothing of it', async () => {
    const refused = spoolUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000, directory });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toMatchObject({
      violations: [{ path: ['body'], rule: 'max_bytes', message: 'must be at most 1000 bytes' }],
    });
    expect(await readdir(directory)).toEqual([]);
  });
});
