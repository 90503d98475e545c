// Realistic demo data: Chinese and English company and person names, deterministic for a given seed.

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const cnCities = ['北京', '上海', '深圳', '广州', '杭州', '成都', '南京', '武汉', '苏州', '西安', '重庆', '天津'];
const cnCores = [
  '华信',
  '中科',
  '天宇',
  '恒通',
  '远航',
  '金桥',
  '博睿',
  '瑞丰',
  '鼎盛',
  '星辰',
  '海纳',
  '宏远',
  '新元',
  '嘉禾',
  '众合',
  '万达',
  '同创',
  '云帆',
  '启明',
  '德润',
];
const cnTrades = [
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
];
const cnForms = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const enCores = [
  'Apex',
  'Blue Harbor',
  'Crescent',
  'Evergreen',
  'Granite',
  'Horizon',
  'Ironwood',
  'Keystone',
  'Lumen',
  'Meridian',
  'Northwind',
  'Orion',
  'Pinnacle',
  'Redwood',
  'Summit',
  'Tidewater',
  'Vertex',
  'Willow',
];
const enTrades = [
  'Logistics',
  'Software',
  'Medical',
  'Foods',
  'Energy',
  'Analytics',
  'Manufacturing',
  'Retail',
  'Capital',
  'Systems',
];
const enForms = ['Inc.', 'Ltd.', 'LLC', 'GmbH', 'Corp.', 'Pte. Ltd.'];
const cnSurnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const cnGiven = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '海燕',
  '建国',
  '志强',
];
const enFirst = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'Michael',
  'Linda',
  'David',
  'Emma',
  'Daniel',
  'Olivia',
  'Lucas',
  'Sophia',
];
const enLast = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Miller',
  'Wilson',
  'Moore',
  'Clark',
  'Walker',
  'Young',
  'King',
  'Wright',
];
const enPlaces = [
  'Pacific',
  'Atlantic',
  'Nordic',
  'Asia',
  'Bay Area',
  'Midwest',
  'Alpine',
  'Coastal',
  'Global',
  'United',
];
const moreCnCores = ['联创', '汇通', '长青', '安泰', '荣盛', '景明', '方圆', '润泽', '广益', '卓越'];
export const industries = [
  'manufacturing',
  'software',
  'healthcare',
  'logistics',
  'retail',
  'energy',
  'finance',
  'education',
];
export const titles = [
  'CEO',
  'CFO',
  '采购经理',
  '技术总监',
  'IT Manager',
  'Procurement Lead',
  '销售总监',
  'Operations Director',
];
export const tagPool = [
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

export interface DemoCompany {
  name: string;
  chinese: boolean;
  domain: string;
}

export function companyName(r: () => number, i: number): DemoCompany {
  if (r() < 0.6) {
    const name = `${pick(r, cnCities)}${pick(r, [...cnCores, ...moreCnCores])}${pick(r, cnTrades)}${pick(r, cnForms)}`;
    return { name, chinese: true, domain: `cn${i}.example.cn` };
  }
  const core = pick(r, enCores);
  return {
    name: `${core}${r() < 0.6 ? ` ${pick(r, enPlaces)}` : ''} ${pick(r, enTrades)} ${pick(r, enForms)}`,
    chinese: false,
    domain: `${core.toLowerCase().replace(/\s+/g, '')}${i}.example.com`,
  };
}

export function personName(r: () => number, chinese: boolean): string {
  return chinese ? `${pick(r, cnSurnames)}${pick(r, cnGiven)}` : `${pick(r, enFirst)} ${pick(r, enLast)}`;
}

export function mobile(r: () => number, chinese: boolean): string {
  if (chinese)
    return `1${pick(r, ['38', '39', '50', '58', '86', '88'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
  return `+1 415 ${String(200 + Math.floor(r() * 700))} ${String(Math.floor(r() * 10000)).padStart(4, '0')}`;
}

/** A valid unified social credit code (GB 32100-2015), so tax ids pass validation. */
export function usccFor(r: () => number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = '91' + String(110000 + Math.floor(r() * 540000)).slice(0, 6);
  while (body.length < 17) body += alphabet[Math.floor(r() * 10)];
  const sum = [...body].reduce((acc, ch, i) => acc + alphabet.indexOf(ch) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}
