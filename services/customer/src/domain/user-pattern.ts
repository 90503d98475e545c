import { RE2JS } from 're2js';

/** Longest pattern an admin may define, in characters: patterns check short field values, not documents. */
export const maxUserPatternLength = 500;

export type UserPatternResult = { pattern: RE2JS } | { rule: 'max_length' | 'pattern_compiles'; message: string };

// Compiled patterns by source; definitions are capped per object type, so the cache stays small.
const compiled = new Map<string, UserPatternResult>();
const maxCached = 1000;

/**
 * Compiles an admin-defined pattern (JavaScript syntax) for RE2, the linear-time engine: a value is matched in time
 * proportional to its length whatever the pattern, so no value can hang the service. Backreferences and lookaround
 * have no linear-time implementation and are refused.
 */
export function compileUserPattern(source: string): UserPatternResult {
  const cached = compiled.get(source);
  if (cached) return cached;
  const result = compileUncached(source);
  if (compiled.size >= maxCached) compiled.clear();
  compiled.set(source, result);
  return result;
}

function compileUncached(source: string): UserPatternResult {
  if (source.length > maxUserPatternLength) {
    return { rule: 'max_length', message: `pattern is at most ${maxUserPatternLength} characters` };
  }
  try {
    return { pattern: RE2JS.compile(RE2JS.translateRegExp(source)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      rule: 'pattern_compiles',
      message:
        `pattern must be a regular expression the linear-time engine (RE2) accepts; ` +
        `backreferences and lookaround are not supported (${reason})`,
    };
  }
}
