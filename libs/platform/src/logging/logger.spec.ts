import { Writable } from 'node:stream';
import { createLogger, redactPersonalData, runWithRequestContext } from './logger';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('masks emails and phone numbers in free text', () => {
    const text = redactPersonalData('call 138 0013 8000 or +86-755-2878-0808, mail zhang.san@example.cn');
    expect(text).not.toMatch(/0013|2878|zhang\.san/);
    expect(text).toContain('@example.cn');
  });

  it('masks each address of a run, and takes linear time on a long run without "@"', () => {
    expect(redactPersonalData('to:a.b@x.cn,c_d@y.com.cn')).toBe('to:a***@x.cn,c***@y.com.cn');
    const started = Date.now();
    redactPersonalData(`${'.'.repeat(100_000)}-.AA`);
    redactPersonalData(`${'a'.repeat(100_000)}@`);
    // The attack string recheck once proposed against the regular expression this scan replaced.
    redactPersonalData(`%${'-@-'.repeat(50_000)}A${'.A'.repeat(50_000)}-`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('masks addresses as the regular expression did: local part kept to one letter, domain and TLD kept', () => {
    expect(redactPersonalData('mail zhang.san@example.com.cn now')).toBe('mail z***@example.com.cn now');
    expect(redactPersonalData('a@b.com-x and b@c.d')).toBe('a***@b.com-x and b@c.d');
    expect(redactPersonalData('@x.com, a@, a@b, a@.cn')).toBe('@x.com, a@, a@b, a@.cn');
    expect(redactPersonalData('x:a+b@mail.example.org;')).toBe('x:a***@mail.example.org;');
  });

  it('masks the credential of a signed link (a survey link) wherever it appears', () => {
    const token = 'C15ebzfXbnxNLRk5vEnnvQAAAZrYmM2A.cR1qG3XaL0cO9i7bNf0Yd1tD_6hnA4cVbWqzS2XyPkE';
    expect(redactPersonalData(`GET /surveys/${token}?lang=zh failed`)).toBe('GET /surveys/***?lang=zh failed');
    expect(redactPersonalData(`"https://support.example.com/surveys/${token}" and /surveys/${token}`)).toBe(
      '"https://support.example.com/surveys/***" and /surveys/***',
    );
    expect(redactPersonalData('/surveys/ is the prefix')).toBe('/surveys/ is the prefix');
  });

  it('masks bearer tokens and JWTs in free text, in linear time', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_x';
    expect(redactPersonalData(`rejected Bearer ${jwt} at gateway`)).toBe('rejected Bearer [token] at gateway');
    expect(redactPersonalData(`token=${jwt};`)).toBe('token=[token];');
    expect(redactPersonalData('authorization: bearer opaque.Token/abc+= done')).toBe(
      'authorization: bearer [token] done',
    );
    expect(redactPersonalData('eyJ alone, eyJa.b and keyJa.b.c stay')).toBe('eyJ alone, eyJa.b and keyJa.b.c stay');
    const started = Date.now();
    redactPersonalData('eyJ'.repeat(100_000));
    redactPersonalData('Bearer '.repeat(50_000));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('removes secrets and personal fields by key, and carries the request id', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('test', { level: 'info' }, stream);
    runWithRequestContext({ requestId: 'req-42', actorId: 'u-1' }, () => {
      logger.info(
        {
          authorization: 'Bearer abc.def.ghi',
          emails: ['a@b.cn'],
          phone: '13800138000',
          note: 'see a@b.cn',
          surveyUrl: 'https://x.cn/s/abc.def',
        },
        'created',
      );
    });
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({
      service: 'test',
      requestId: 'req-42',
      actorId: 'u-1',
      authorization: '[secret]',
      surveyUrl: '[secret]',
      emails: '[redacted]',
      phone: '[redacted]',
      msg: 'created',
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/abc\.def|a@b\.cn|13800138000/);
  });

  it('logs a database error without the query parameters it carried', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('test', { level: 'info' }, stream);
    const error = Object.assign(new Error('duplicate key value for zhang@example.cn'), {
      code: '23505',
      parameters: ['zhang@example.cn', '+8613800138000'],
    });
    logger.error({ err: error }, 'failed');
    await new Promise((r) => setImmediate(r));
    const logged = JSON.stringify(lines[0]);
    expect(logged).toContain('23505');
    expect(logged).not.toMatch(/zhang@|8613800138000/);
  });
});
