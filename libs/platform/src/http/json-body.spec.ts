import { Readable } from 'node:stream';
import { readJsonBody } from './json-body';

const body = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('JSON request body', () => {
  it('reads an object sent in several chunks', async () => {
    expect(await readJsonBody(body('{"from":"a@b.cn",', '"subject":"工单"}'), 100)).toEqual({
      from: 'a@b.cn',
      subject: '工单',
    });
  });

  it('refuses a body over the cap with max_bytes, before reading the rest', async () => {
    await expect(readJsonBody(body('{"text":"', 'x'.repeat(50), '"}'), 20)).rejects.toMatchObject({
      violations: [{ path: ['body'], rule: 'max_bytes' }],
    });
  });

  it.each(['not json', '[1,2]', 'null', '"text"'])('refuses %j naming the json rule', async (text) => {
    await expect(readJsonBody(body(text), 100)).rejects.toMatchObject({
      violations: [{ path: ['body'], rule: 'json' }],
    });
  });
});
