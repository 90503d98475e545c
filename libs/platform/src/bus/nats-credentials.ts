import { accessSync, constants, readFileSync } from 'node:fs';
import {
  credsAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type Authenticator,
} from '@nats-io/nats-core';
import { ConfigError } from '../config';

/** How a process proves itself to NATS: one of the server's three client authentication schemes. */
export type NatsCredentials =
  | { kind: 'creds-file'; path: string }
  | { kind: 'user-password'; user: string; password: string }
  | { kind: 'token'; token: string };

/** The variables of hostedServiceConfigSpec that carry NATS credentials (all optional). */
export interface NatsCredentialsConfig {
  NATS_CREDS_FILE?: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_TOKEN?: string;
}

/**
 * The credentials the configuration sets, or undefined for an unauthenticated server; a ConfigError names the
 * variables for a half-set user/password pair, two schemes at once, or an unreadable creds file. Never echoes a secret.
 */
export function natsCredentialsOf(config: NatsCredentialsConfig): NatsCredentials | undefined {
  const { NATS_CREDS_FILE: path, NATS_USER: user, NATS_PASSWORD: password, NATS_TOKEN: token } = config;
  const problems: { variable: string; problem: string }[] = [];
  if (user && !password) problems.push({ variable: 'NATS_PASSWORD', problem: 'is required when NATS_USER is set' });
  if (password && !user) problems.push({ variable: 'NATS_USER', problem: 'is required when NATS_PASSWORD is set' });
  const schemes = [path && 'NATS_CREDS_FILE', (user || password) && 'NATS_USER/NATS_PASSWORD', token && 'NATS_TOKEN'];
  const set = schemes.filter((s): s is string => typeof s === 'string');
  if (set.length > 1) {
    problems.push({ variable: set.join(', '), problem: 'set only one NATS authentication scheme' });
  }
  if (path) {
    try {
      accessSync(path, constants.R_OK);
    } catch {
      problems.push({ variable: 'NATS_CREDS_FILE', problem: `cannot read the creds file ${path}` });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  if (path) return { kind: 'creds-file', path };
  if (user && password) return { kind: 'user-password', user, password };
  if (token) return { kind: 'token', token };
  return undefined;
}

/** The client authenticator; a creds file is read again at each (re)connect, so a rotated Secret is picked up. */
export function natsAuthenticator(credentials: NatsCredentials): Authenticator {
  switch (credentials.kind) {
    case 'creds-file':
      return credsAuthenticator(() => readFileSync(credentials.path));
    case 'user-password':
      return usernamePasswordAuthenticator(credentials.user, credentials.password);
    case 'token':
      return tokenAuthenticator(credentials.token);
  }
}

/** Names the scheme (never the secret) for logs and errors. */
export function describeNatsCredentials(credentials: NatsCredentials | undefined): string {
  if (!credentials) return 'no credentials';
  if (credentials.kind === 'creds-file') return `creds file ${credentials.path}`;
  if (credentials.kind === 'user-password') return `user ${credentials.user} with NATS_PASSWORD`;
  return 'NATS_TOKEN';
}

/** `nats://user:pass@host:4222` → `nats://host:4222`: server lists are logged, their inline credentials are not. */
export function serversWithoutCredentials(servers: string): string {
  return servers
    .split(',')
    .map((s) => s.trim().replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1'))
    .join(',');
}
