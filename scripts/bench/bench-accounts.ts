// Realistic accounts for the benchmarks, deterministic by row number: Chinese and English company names that stay
// unique up to a million rows (so a skip-policy import creates every row), valid tax ids, E.164-able phones, emails.
import { rng } from '../lib/demo-data';
import { usccCheckCharacter } from '../../services/customer/src/domain/tax-id';

/** Mainland cities: name, pinyin, the abbreviation used in domains, administrative division code, postal code. */
export const cities: readonly (readonly [string, string, string, string, string])[] = [
  ['北京', 'Beijing', 'bj', '110000', '100000'],
  ['上海', 'Shanghai', 'sh', '310000', '200000'],
  ['深圳', 'Shenzhen', 'sz', '440300', '518000'],
  ['广州', 'Guangzhou', 'gz', '440100', '510000'],
  ['杭州', 'Hangzhou', 'hz', '330100', '310000'],
  ['成都', 'Chengdu', 'cd', '510100', '610000'],
  ['南京', 'Nanjing', 'nj', '320100', '210000'],
  ['武汉', 'Wuhan', 'wh', '420100', '430000'],
  ['苏州', 'Suzhou', 'su', '320500', '215000'],
  ['西安', 'Xian', 'xa', '610100', '710000'],
  ['重庆', 'Chongqing', 'cq', '500000', '400000'],
  ['天津', 'Tianjin', 'tj', '120000', '300000'],
  ['厦门', 'Xiamen', 'xm', '350200', '361000'],
  ['青岛', 'Qingdao', 'qd', '370200', '266000'],
  ['长沙', 'Changsha', 'cs', '430100', '410000'],
  ['郑州', 'Zhengzhou', 'zz', '410100', '450000'],
  ['合肥', 'Hefei', 'hf', '340100', '230000'],
  ['宁波', 'Ningbo', 'nb', '330200', '315000'],
  ['无锡', 'Wuxi', 'wx', '320200', '214000'],
  ['济南', 'Jinan', 'jn', '370100', '250000'],
  ['大连', 'Dalian', 'dl', '210200', '116000'],
  ['沈阳', 'Shenyang', 'sy', '210100', '110000'],
  ['福州', 'Fuzhou', 'fz', '350100', '350000'],
  ['昆明', 'Kunming', 'km', '530100', '650000'],
];

/** Characters of Chinese trade names (字号), with pinyin for the company's domain. */
export const coreChars: readonly (readonly [string, string])[] = (
  '华hua 信xin 中zhong 科ke 天tian 宇yu 恒heng 通tong 远yuan 航hang 金jin 桥qiao 博bo 睿rui 瑞rui 丰feng 鼎ding ' +
  '盛sheng 星xing 辰chen 海hai 纳na 宏hong 新xin 元yuan 嘉jia 禾he 众zhong 合he 万wan 达da 同tong 创chuang 云yun ' +
  '帆fan 启qi 明ming 德de 润run 安an 泰tai 隆long 兴xing 汇hui 诚cheng 联lian 正zheng 弘hong 晨chen 光guang 峰feng ' +
  '卓zhuo 越yue 永yong 方fang 圆yuan 智zhi 鑫xin 和he 聚ju'
)
  .split(' ')
  .map((entry) => [entry.slice(0, 1), entry.slice(1)] as const);

export const cnTrades: readonly string[] = [
  '科技',
  '信息技术',
  '智能制造',
  '医疗器械',
  '物流',
  '贸易',
  '新能源',
  '生物医药',
  '电子',
  '软件',
  '建材',
  '食品',
  '环保',
  '文化传媒',
  '机械',
  '化工',
  '网络',
  '供应链',
  '教育科技',
  '汽车零部件',
];
export const cnForms: readonly string[] = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
export const enPrefixes: readonly string[] = (
  'Blue Red North South East West Silver Golden Iron Green Bright Stone Sun Star Oak Pine Maple Cedar River Lake ' +
  'Ocean Sky High Clear Eagle Falcon Harbor Bay Prime True'
).split(' ');
export const enSuffixes: readonly string[] = (
  'gate bridge field wood ridge brook view point port well line way mark side haven ford dale vale worth shore ' +
  'land light wave path rock hill glen spring water crest'
).split(' ');
export const enTrades: readonly string[] = (
  'Logistics Software Medical Foods Energy Analytics Manufacturing Retail Capital Systems Robotics Pharma Networks ' +
  'Materials Consulting Biotech Apparel Electronics Instruments Holdings'
).split(' ');
export const enForms: readonly string[] = ['Inc.', 'Ltd.', 'LLC', 'GmbH', 'Corp.', 'Pte. Ltd.', 'Co., Ltd.'];
export const mobilePrefixes: readonly string[] = ['38', '39', '50', '58', '86', '88', '35', '36', '37', '59'];
export const industries: readonly string[] = [
  'manufacturing',
  'software',
  'healthcare',
  'logistics',
  'retail',
  'energy',
  'finance',
  'education',
];
export const tags: readonly string[] = [
  'vip',
  'key-account',
  'channel',
  'renewal-2027',
  '华东',
  '华南',
  'government',
  'smb',
  'strategic',
];
export const owners: readonly string[] = Array.from(
  { length: 40 },
  (_, i) => `6f1f6a52-0d7b-4c1a-9a57-${String(i + 1).padStart(12, '0')}`,
);
/** Sales teams (Keycloak groups /teams/<name>); owner number i works in team i mod 8. */
export const teams: readonly string[] = [
  'east-china',
  'south-china',
  'north-china',
  'west-china',
  'key-accounts',
  'government',
  'channel',
  'smb',
];
export const teamOfOwner = (ownerIndex: number): string => teams[ownerIndex % teams.length];
/** The sales rep the benchmarks act as where a rep is meant: owner number 0, in that owner's team. */
export const benchRep = { id: owners[0], teams: [teamOfOwner(0)] };

/** How many distinct names each script can take: the generators below are bijective inside these spaces. */
export const chineseNameSpace = cities.length * coreChars.length * coreChars.length * cnTrades.length;
export const englishNameSpace = cities.length * enPrefixes.length * enSuffixes.length * enTrades.length;
/** Multiplier of the permutations below (a prime, coprime to every space), so neighbouring rows differ. */
export const spread = 7919;

/** Three rows in five are Chinese companies; `k` numbers the row inside its script. */
export function scriptOf(i: number): { chinese: boolean; k: number } {
  const block = Math.floor(i / 5);
  const slot = i % 5;
  return slot < 3 ? { chinese: true, k: block * 3 + slot } : { chinese: false, k: block * 2 + slot - 3 };
}

const at = <T>(xs: readonly T[], n: number): T => xs[n % xs.length];

/** A USCC whose 9-character organisation code is derived from `n` (unique below 10^9) with its check character. */
export function taxIdFor(divisionCode: string, n: number): string {
  const body = `91${divisionCode}${String(n % 1_000_000_000).padStart(9, '0')}`;
  return `${body}${usccCheckCharacter(body)}`;
}

/** One account as a sales assistant would type it into a spreadsheet (the import's columns, English headers). */
export function accountRecord(i: number): Record<string, string> {
  const r = rng(i * 2654435761 + 97);
  const { chinese, k } = scriptOf(i);
  const space = chinese ? chineseNameSpace : englishNameSpace;
  let p = (k * spread) % space;
  const city = at(cities, p);
  p = Math.floor(p / cities.length);
  let name: string;
  let domain: string;
  if (chinese) {
    const c1 = at(coreChars, p);
    const c2 = at(coreChars, Math.floor(p / coreChars.length));
    const trade = at(cnTrades, Math.floor(p / coreChars.length ** 2));
    name = `${city[0]}${c1[0]}${c2[0]}${trade}${at(cnForms, Math.floor(r() * 1000))}`;
    domain = `${city[2]}${c1[1]}${c2[1]}${i}.com.cn`;
  } else {
    const prefix = at(enPrefixes, p);
    const suffix = at(enSuffixes, Math.floor(p / enPrefixes.length));
    const trade = at(enTrades, Math.floor(p / (enPrefixes.length * enSuffixes.length)));
    name = `${city[1]} ${prefix}${suffix} ${trade} ${at(enForms, Math.floor(r() * 1000))}`;
    domain = `${prefix.toLowerCase()}${suffix}${i}.com`;
  }
  const mobileDigits = `1${at(mobilePrefixes, i)}${String((i * spread + 1_234_567) % 100_000_000).padStart(8, '0')}`;
  const phones: string[] = [];
  if (chinese) {
    const style = Math.floor(r() * 3);
    phones.push(
      style === 0
        ? mobileDigits
        : style === 1
          ? `${mobileDigits.slice(0, 3)} ${mobileDigits.slice(3, 7)} ${mobileDigits.slice(7)}`
          : `+86 ${mobileDigits.slice(0, 3)}-${mobileDigits.slice(3, 7)}-${mobileDigits.slice(7)}`,
    );
    if (r() < 0.3) phones.push(`0755-8${String((i * 104_729) % 10_000_000).padStart(7, '0')}`);
  } else {
    const n = (i * spread + 99) % 8_000_000;
    phones.push(`+1 415 ${200 + Math.floor(n / 10_000)} ${String(n % 10_000).padStart(4, '0')}`);
  }
  const mailbox = at(['Sales', 'info', 'contact', 'Service'], Math.floor(r() * 4));
  const taxId = chinese && r() < 0.9 ? taxIdFor(city[3], k) : '';
  const chosenTags = tags.filter(() => r() < 0.12);
  const gradeRoll = r();
  return {
    name,
    tax_id: taxId && r() < 0.1 ? `${taxId.slice(0, 8)} ${taxId.slice(8)}`.toLowerCase() : taxId,
    industry: at(industries, Math.floor(r() * 1000)),
    size: at(['micro', 'small', 'medium', 'large', 'enterprise', '中型', '大型'], Math.floor(r() * 1000)),
    website: `www.${domain}`,
    phone: phones.join('; '),
    email: `${mailbox}@${domain.replace(/^\w/, (c) => c.toUpperCase())}`,
    tags: chosenTags.join(', '),
    grade: gradeRoll < 0.15 ? 'A' : gradeRoll < 0.45 ? 'B' : gradeRoll < 0.85 ? 'C' : gradeRoll < 0.9 ? '甲' : '',
    stage: at(['prospect', 'customer', 'customer', 'churned', '潜在客户', '成交客户'], Math.floor(r() * 1000)),
    owner_id: r() < 0.85 ? at(owners, Math.floor(r() * 1000)) : '',
    address: `${at(['科技园路', '人民路', '中山路', '建设路', '滨江大道'], Math.floor(r() * 1000))}${1 + Math.floor(r() * 300)}号`,
    city: city[0],
    postal_code: city[4],
    country: 'CN',
  };
}

export const csvColumns: readonly string[] = Object.keys(accountRecord(0));

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(record: Record<string, string>): string {
  return `${csvColumns.map((column) => csvCell(record[column] ?? '')).join(',')}\n`;
}

/** A value in COPY's text format: \N for null, backslash escapes for the characters COPY treats specially. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

/** A PostgreSQL array literal of text (every element quoted). */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
