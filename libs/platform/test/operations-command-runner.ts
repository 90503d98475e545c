import { runOperationsCommand, type OperationsCommandOptions } from '../src/operations';

export interface OperationsRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `ops.js <args>` in-process as an operator would, collecting its output and exit status. */
export function operationsCommand(options: OperationsCommandOptions): (...args: string[]) => Promise<OperationsRun> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runOperationsCommand(
      args,
      options,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

/** Sets environment variables for the command (it reads NATS_URL and the database URL) until `restore()`. */
export function setEnvironment(values: Record<string, string>): { restore(): void } {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return {
    restore() {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
