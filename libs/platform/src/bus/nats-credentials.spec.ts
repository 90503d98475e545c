import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config';
import { natsCredentialsOf, serversWithoutCredentials } from './nats-credentials';

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('natsCredentialsOf', () => {
  it('takes no credentials when none are set', () => {
    expect(natsCredentialsOf({})).toBeUndefined();
  });

  it('takes a user and password pair, a token, or a readable creds file', () => {
    expect(natsCredentialsOf({ NATS_USER: 'u', NATS_PASSWORD: 'p' })).toEqual({
      kind: 'user-password',
      user: 'u',
      password: 'p',
    });
    expect(natsCredentialsOf({ NATS_TOKEN: 't' })).toEqual({ kind: 'token', token: 't' });
    const path = join(mkdtempSync(join(tmpdir(), 'crm-creds-')), 'svc.creds');
    writeFileSync(path, 'creds');
    expect(natsCredentialsOf({ NATS_CREDS_FILE: path })).toEqual({ kind: 'creds-file', path });
  });

  it('names the missing half of a user/password pair', () => {
    expect(problemsOf(() => natsCredentialsOf({ NATS_USER: 'u' }))).toEqual([
      'NATS_PASSWORD: is required when NATS_USER is set',
    ]);
    expect(problemsOf(() => natsCredentialsOf({ NATS_PASSWORD: 'secret-p' }))).toEqual([
      'NATS_USER: is required when NATS_PASSWORD is set',
    ]);
  });

  it('refuses two schemes at once and an unreadable creds file, without echoing a secret', () => {
    const problems = problemsOf(() =>
      natsCredentialsOf({ NATS_TOKEN: 'secret-t', NATS_CREDS_FILE: '/nonexistent/svc.creds' }),
    );
    expect(problems).toEqual([
      'NATS_CREDS_FILE, NATS_TOKEN: set only one NATS authentication scheme',
      'NATS_CREDS_FILE: cannot read the creds file /nonexistent/svc.creds',
    ]);
    expect(problems.join(' ')).not.toContain('secret-t');
  });
});

describe('serversWithoutCredentials', () => {
  it('drops inline credentials from every server URL', () => {
    expect(serversWithoutCredentials('nats://u:p@a:4222, tls://tok@b:4222,nats://c:4222')).toBe(
      'nats://a:4222,tls://b:4222,nats://c:4222',
    );
  });
});
