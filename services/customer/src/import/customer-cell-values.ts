// How people write account and contact values in spreadsheet cells, in English and Chinese.
import { lookupWord } from '@crm/platform/csv-import';
import type { CompanySize, Grade, LifecycleStage } from '../domain/account';
import type { PreferredChannel } from '../domain/contact';

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
  return lookupWord(
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
  return lookupWord(stageWords, raw);
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
  return lookupWord(sizeWords, raw);
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
  return lookupWord(channelWords, raw);
}
