import { violation, type Validated, type Violation } from './violation';

export const maxTagsPerRecord = 50;
export const maxTagLength = 40;

/** Tags trimmed (inner whitespace collapsed), blanks dropped, duplicates (ignoring case and width) removed. */
export function normalizeTags(input: unknown, path: (string | number)[] = ['tags']): Validated<string[]> {
  if (!Array.isArray(input)) return { value: [], violations: [violation(path, 'type', 'tags must be a list of text')] };
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const tags: string[] = [];
  input.forEach((raw: unknown, index) => {
    if (typeof raw !== 'string') {
      violations.push(violation([...path, index], 'type', 'a tag must be text'));
      return;
    }
    const tag = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (tag === '') return;
    if ([...tag].length > maxTagLength) {
      violations.push(violation([...path, index], 'max_length', `a tag has at most ${maxTagLength} characters`));
      return;
    }
    const key = tag.normalize('NFKC').toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    tags.push(tag);
  });
  if (tags.length > maxTagsPerRecord) {
    violations.push(violation(path, 'max_items', `at most ${maxTagsPerRecord} tags (got ${tags.length})`));
  }
  return { value: tags, violations };
}
