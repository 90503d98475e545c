// Legal-form suffixes, tried repeatedly at the end of the name (so '集团有限公司' and 'Co., Ltd.' both go).
const chineseLegalForms = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司'];
// A branch (分公司) is its own account: '华为北京分公司' must not collapse to '华为北京分'.
const branchSuffix = '分公司';
const latinLegalForms = [
  'company limited',
  'co ltd',
  'co limited',
  'pte ltd',
  'pty ltd',
  'limited',
  'ltd',
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'company',
  'co',
  'llc',
  'l l c',
  'gmbh',
  'plc',
];
const noise = /[\p{P}\p{S}\s]/gu;

// The suffix and region rules are plain scans, not regular expressions anchored at the end: V8 retries such an
// expression from every start position, which is quadratic on a long run of spaces or brackets (issue 7).
const whitespace = /\s/;
const isSpace = (ch: string): boolean => whitespace.test(ch);
const isSeparator = (ch: string): boolean => isSpace(ch) || ch === ',' || ch === '.';
const isParen = (ch: string): boolean => '()（）'.includes(ch);
const opens = (ch: string): boolean => ch === '(' || ch === '（';
const closes = (ch: string): boolean => ch === ')' || ch === '）';

function trimEndWhere(text: string, drop: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1])) end--;
  return text.slice(0, end);
}

/** A region in brackets holds 1 to 20 characters besides the spaces around them: '（深圳）', '(Shanghai)'. */
const isRegion = (inner: string): boolean => inner.length >= 1 && inner.trim().length <= 20;

/** Without a bracketed region at the end (spaces after it included); the text itself when there is none. */
function withoutTrailingRegion(text: string): string {
  const body = trimEndWhere(text, isSpace);
  if (!closes(body.at(-1) ?? '')) return text;
  let open = body.length - 2;
  while (open >= 0 && !isParen(body[open])) open--;
  return open >= 0 && opens(body[open]) && isRegion(body.slice(open + 1, -1)) ? text.slice(0, open) : text;
}

/** Without a bracketed region at the start (spaces before it included); the text itself when there is none. */
function withoutLeadingRegion(text: string): string {
  let open = 0;
  while (open < text.length && isSpace(text[open])) open++;
  if (!opens(text[open] ?? '')) return text;
  let close = open + 1;
  while (close < text.length && !isParen(text[close])) close++;
  return close < text.length && closes(text[close]) && isRegion(text.slice(open + 1, close))
    ? text.slice(close + 1)
    : text;
}

const latinFormWords = latinLegalForms.map((form) => form.split(' '));
const latinFormInitials = new Set(latinLegalForms.map((form) => form[0]));

/** Whether a legal form (its words, separated by any run of spaces, commas and dots) spans `from` to `end`. */
function formSpans(text: string, from: number, end: number, words: readonly string[]): boolean {
  let at = from;
  for (const [index, word] of words.entries()) {
    if (!text.startsWith(word, at)) return false;
    at += word.length;
    if (index < words.length - 1) while (at < end && isSeparator(text[at])) at++;
  }
  return at === end;
}

/**
 * Where a Latin legal form ends the name, standing as a word (at the start or after a space, comma, dot or '&'), so
 * 'Comcast' keeps its ending and 'Acme Co.' loses it; -1 when none does. Trailing separators are ignored.
 */
function latinSuffixStart(text: string): number {
  const end = trimEndWhere(text, isSeparator).length;
  const spans = (from: number) =>
    latinFormInitials.has(text[from]) && latinFormWords.some((words) => formSpans(text, from, end, words));
  if (spans(0)) return 0;
  for (let at = 0; at < end; at++) {
    if ((isSeparator(text[at]) || text[at] === '&') && spans(at + 1)) return at;
  }
  return -1;
}

function stripOnce(name: string): string {
  const trimmed = trimEndWhere(name, isSeparator);
  if (trimmed.endsWith(branchSuffix) || chineseLegalForms.includes(trimmed)) return trimmed;
  for (const form of chineseLegalForms) {
    if (trimmed.endsWith(form) && trimmed.length > form.length) return trimmed.slice(0, -form.length);
  }
  const latin = latinSuffixStart(trimmed);
  const withoutLatin = latin < 0 ? trimmed : trimmed.slice(0, latin);
  if (withoutLatin !== trimmed && withoutLatin.trim() !== '') return withoutLatin;
  const withoutRegion = withoutTrailingRegion(trimmed);
  if (withoutRegion !== trimmed && withoutRegion.trim() !== '') return withoutRegion;
  return trimmed;
}

/**
 * The key two company names are compared by: NFKC (full-width to half-width), lowercase, without legal-form suffixes,
 * without a leading or trailing parenthesised region, and without punctuation or spaces. '' for a blank name.
 */
export function normalizeCompanyName(raw: string): string {
  let name = raw.normalize('NFKC').toLowerCase().trim();
  const withoutLeading = withoutLeadingRegion(name);
  if (withoutLeading.trim() !== '') name = withoutLeading;
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = stripOnce(name);
  }
  const key = name.replace(noise, '');
  return key === '' ? raw.normalize('NFKC').toLowerCase().replace(noise, '') : key;
}
