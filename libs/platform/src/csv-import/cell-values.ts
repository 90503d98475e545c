// How people write values in spreadsheet cells, in English and Chinese, turned into values any import can use.

/** The text of a cell, trimmed; null when blank. */
export function cellText(raw: string | undefined): string | null {
  const text = (raw ?? '').trim();
  return text === '' ? null : text;
}

/** Several values in one cell: split on , ; ； ， 、 | and newlines. */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[,;；，、|\n]/u)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The value a word of `table` means, compared after NFKC, lowercase and spaces/_/- folded; undefined when none. */
export function lookupWord<T>(table: Readonly<Record<string, T>>, raw: string): T | undefined {
  const key = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const booleanWords: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  是: true,
  同意: true,
  已同意: true,
  '√': true,
  false: false,
  no: false,
  n: false,
  '0': false,
  否: false,
  不同意: false,
  未同意: false,
  '×': false,
};

export function parseYesNo(raw: string): boolean | undefined {
  return lookupWord(booleanWords, raw);
}

/** '2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日' → '2024-03-05'; undefined for anything else. */
export function parseDate(raw: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(raw.normalize('NFKC').trim());
  if (!match) return undefined;
  return `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
}

const countryWords: Readonly<Record<string, string>> = {
  中国: 'CN',
  中国大陆: 'CN',
  china: 'CN',
  'p r china': 'CN',
  香港: 'HK',
  'hong kong': 'HK',
  澳门: 'MO',
  台湾: 'TW',
  美国: 'US',
  usa: 'US',
  'united states': 'US',
  英国: 'GB',
  uk: 'GB',
  'united kingdom': 'GB',
  德国: 'DE',
  germany: 'DE',
  法国: 'FR',
  france: 'FR',
  日本: 'JP',
  japan: 'JP',
  韩国: 'KR',
  'south korea': 'KR',
  新加坡: 'SG',
  singapore: 'SG',
  澳大利亚: 'AU',
  australia: 'AU',
};

/** A country name (English or Chinese) or a two-letter code → the ISO code as written (the domain checks it). */
export function parseCountry(raw: string): string {
  return lookupWord(countryWords, raw) ?? raw.trim().toUpperCase();
}
