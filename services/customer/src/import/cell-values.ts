// How people write values in spreadsheet cells, in English and Chinese, turned into the domain's values.
import type { CompanySize, Grade, LifecycleStage } from '../domain/account';
import type { PreferredChannel } from '../domain/contact';

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

function lookup<T>(table: Readonly<Record<string, T>>, raw: string): T | undefined {
  const key = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const gradeWords: Readonly<Record<string, Grade>> = {
  a: 'A',
  b: 'B',
  c: 'C',
  甲: 'A',
  乙: 'B',
  丙: 'C',
};

/** 'A', 'b', '甲', 'A类', 'A级' → the grade; undefined when not a grade. */
export function parseGrade(raw: string): Grade | undefined {
  return lookup(
    gradeWords,
    raw
      .normalize('NFKC')
      .trim()
      .replace(/[类级等]$/u, ''),
  );
}

const stageWords: Readonly<Record<string, LifecycleStage>> = {
  prospect: 'prospect',
  customer: 'customer',
  churned: 'churned',
  潜在客户: 'prospect',
  潜在: 'prospect',
  意向客户: 'prospect',
  成交客户: 'customer',
  已成交: 'customer',
  成交: 'customer',
  客户: 'customer',
  流失客户: 'churned',
  已流失: 'churned',
  流失: 'churned',
};

export function parseLifecycleStage(raw: string): LifecycleStage | undefined {
  return lookup(stageWords, raw);
}

const sizeWords: Readonly<Record<string, CompanySize>> = {
  micro: 'micro',
  small: 'small',
  medium: 'medium',
  large: 'large',
  enterprise: 'enterprise',
  微型: 'micro',
  微型企业: 'micro',
  小型: 'small',
  小型企业: 'small',
  中型: 'medium',
  中型企业: 'medium',
  大型: 'large',
  大型企业: 'large',
  特大型: 'enterprise',
  超大型: 'enterprise',
  集团: 'enterprise',
  集团企业: 'enterprise',
};

export function parseCompanySize(raw: string): CompanySize | undefined {
  return lookup(sizeWords, raw);
}

const channelWords: Readonly<Record<string, PreferredChannel>> = {
  phone: 'phone',
  email: 'email',
  wechat: 'wechat',
  sms: 'sms',
  visit: 'visit',
  电话: 'phone',
  手机: 'phone',
  邮件: 'email',
  邮箱: 'email',
  电子邮件: 'email',
  微信: 'wechat',
  短信: 'sms',
  拜访: 'visit',
  上门: 'visit',
  上门拜访: 'visit',
};

export function parsePreferredChannel(raw: string): PreferredChannel | undefined {
  return lookup(channelWords, raw);
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
  return lookup(booleanWords, raw);
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
  return lookup(countryWords, raw) ?? raw.trim().toUpperCase();
}
