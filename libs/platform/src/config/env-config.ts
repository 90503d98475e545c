/** A reader of one environment variable: parses the raw text or says what it must be. */
export interface EnvVar<T> {
  readonly describe: string;
  readonly fallback?: T;
  readonly optional: boolean;
  parse(raw: string): T | { problem: string };
}

type Spec = Record<string, EnvVar<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isProblem(value: unknown): value is { problem: string } {
  return typeof value === 'object' && value !== null && 'problem' in value && Object.keys(value).length === 1;
}

/** Reads and validates every variable of `spec` from `env`; reports all problems at once. */
export function loadConfig<S extends Spec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: { variable: string; problem: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, reader] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (reader.fallback !== undefined) out[name] = reader.fallback;
      else if (reader.optional) out[name] = undefined;
      else problems.push({ variable: name, problem: `is required: ${reader.describe}` });
      continue;
    }
    const parsed = reader.parse(raw);
    if (isProblem(parsed))
      problems.push({ variable: name, problem: `${parsed.problem} (got "${redactIfSecret(name, raw)}")` });
    else out[name] = parsed;
  }
  if (problems.length) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/** Like loadConfig, but a bad configuration stops the process with a message naming each variable. */
export function loadConfigOrExit<S extends Spec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  return configOrExit(() => loadConfig(spec, env));
}

/** Runs a check across variables (e.g. a secret required outside development); its ConfigError stops the process. */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function redactIfSecret(name: string, raw: string): string {
  if (/SECRET|PASSWORD|TOKEN|KEY/i.test(name)) return '***';
  return withoutUrlPassword(raw);
}

/** `scheme://user:password@host` → `scheme://user:***@host`, by a scan (the regular expression was quadratic). */
function withoutUrlPassword(raw: string): string {
  for (let start = raw.indexOf('//'); start >= 0; start = raw.indexOf('//', start + 1)) {
    let colon = start + 2;
    while (colon < raw.length && !':/@'.includes(raw[colon])) colon++;
    if (raw[colon] !== ':' || colon === start + 2) continue;
    const passwordEnd = raw.indexOf('@', colon + 1);
    // No '@' after this point: no later '//' can carry a password either.
    if (passwordEnd < 0) return raw;
    if (passwordEnd > colon + 1) return `${raw.slice(0, colon + 1)}***${raw.slice(passwordEnd)}`;
  }
  return raw;
}

interface Options<T> {
  default?: T;
  optional?: boolean;
}

function envVar<T>(describe: string, parse: EnvVar<T>['parse'], options: Options<T> = {}): EnvVar<T> {
  return { describe, parse, fallback: options.default, optional: options.optional ?? false };
}

export const env = {
  string: (options: Options<string> & { describe?: string } = {}) =>
    envVar(options.describe ?? 'a non-empty string', (raw) => raw, options),
  int: (options: Options<number> & { min?: number; max?: number } = {}) => {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
    return envVar(
      `an integer from ${min} to ${max}`,
      (raw) => {
        const n = Number(raw);
        return /^-?\d+$/.test(raw.trim()) && n >= min && n <= max
          ? n
          : { problem: `must be an integer from ${min} to ${max}` };
      },
      options,
    );
  },
  port: (options: Options<number> = {}) =>
    envVar(
      'a TCP port from 0 to 65535',
      (raw) => {
        const n = Number(raw);
        return /^\d+$/.test(raw) && n <= 65535 ? n : { problem: 'must be a TCP port from 0 to 65535' };
      },
      options,
    ),
  url: (options: Options<string> & { protocols?: string[] } = {}) => {
    const protocols = options.protocols;
    return envVar(
      protocols ? `a URL (${protocols.join(', ')})` : 'a URL',
      (raw) => {
        try {
          const url = new URL(raw);
          if (protocols && !protocols.includes(url.protocol.replace(/:$/, ''))) {
            return { problem: `must be a URL with scheme ${protocols.join(' or ')}` };
          }
          return raw;
        } catch {
          return { problem: 'must be a valid URL' };
        }
      },
      options,
    );
  },
  bool: (options: Options<boolean> = {}) =>
    envVar(
      'true or false',
      (raw) =>
        /^(true|1|yes)$/i.test(raw) ? true : /^(false|0|no)$/i.test(raw) ? false : { problem: 'must be true or false' },
      options,
    ),
  oneOf: <T extends string>(values: readonly T[], options: Options<T> = {}) =>
    envVar(
      `one of ${values.join(', ')}`,
      (raw) =>
        (values as readonly string[]).includes(raw) ? (raw as T) : { problem: `must be one of ${values.join(', ')}` },
      options,
    ),
};
