import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON log line of a process of the stack (pino), or the raw text of a line that is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; raw?: string };

/** The lines a process of the stack wrote to its log file (`StackOptions.logDir`); none if it wrote nothing yet. */
export function readLogLines(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return { raw: line };
      }
    });
}

/** Every log file of a stack's run, by process name. */
export function readLogDirectory(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .map((name) => [name.slice(0, -'.log'.length), readFileSync(join(dir, name), 'utf8')]),
  );
}
