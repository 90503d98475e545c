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
// Latin suffixes must stand as words: 'Comcast' keeps its 'co'-less ending, 'Acme Co.' loses it.
const latinSuffix = new RegExp(
  `(?:^|[\\s,.&])(?:${latinLegalForms.map((f) => f.replace(/ /g, '[\\s,.]*')).join('|')})[\\s,.]*$`,
);
const trailingRegion = /[(（]\s*[^()（）]{1,20}\s*[)）]\s*$/;
const leadingRegion = /^\s*[(（]\s*[^()（）]{1,20}\s*[)）]/;
const noise = /[\p{P}\p{S}\s]/gu;

function stripOnce(name: string): string {
  const trimmed = name.replace(/[\s,.]+$/u, '');
  if (trimmed.endsWith(branchSuffix) || chineseLegalForms.includes(trimmed)) return trimmed;
  for (const form of chineseLegalForms) {
    if (trimmed.endsWith(form) && trimmed.length > form.length) return trimmed.slice(0, -form.length);
  }
  const withoutLatin = trimmed.replace(latinSuffix, '');
  if (withoutLatin !== trimmed && withoutLatin.trim() !== '') return withoutLatin;
  const withoutRegion = trimmed.replace(trailingRegion, '');
  if (withoutRegion !== trimmed && withoutRegion.trim() !== '') return withoutRegion;
  return trimmed;
}

/**
 * The key two company names are compared by: NFKC (full-width to half-width), lowercase, without legal-form suffixes,
 * without a leading or trailing parenthesised region, and without punctuation or spaces. '' for a blank name.
 */
export function normalizeCompanyName(raw: string): string {
  let name = raw.normalize('NFKC').toLowerCase().trim();
  const withoutLeading = name.replace(leadingRegion, '');
  if (withoutLeading.trim() !== '') name = withoutLeading;
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = stripOnce(name);
  }
  const key = name.replace(noise, '');
  return key === '' ? raw.normalize('NFKC').toLowerCase().replace(noise, '') : key;
}
