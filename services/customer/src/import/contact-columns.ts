import { descriptionAliases, type ColumnAliases } from '@crm/platform/csv-import';

export type ContactColumn =
  | 'accountId'
  | 'accountTaxId'
  | 'accountName'
  | 'name'
  | 'title'
  | 'role'
  | 'phones'
  | 'emails'
  | 'birthday'
  | 'preferredChannel'
  | 'consentEmail'
  | 'consentSms'
  | 'consentWechat'
  | 'ownerId'
  | 'description';

/** The headers a contact import understands, in English and Chinese (compared after normalizeHeader). */
export const contactColumnAliases: ColumnAliases<ContactColumn> = {
  accountId: ['account_id', 'account id', '客户id', '客户ID'],
  accountTaxId: ['account_tax_id', 'account tax id', '客户税号', '公司税号', '税号', '统一社会信用代码'],
  accountName: [
    'account_name',
    'account name',
    'company',
    'company name',
    '公司名称',
    '客户名称',
    '公司',
    '所属客户',
    '所属公司',
    '单位',
  ],
  name: ['name', 'contact name', 'full name', '姓名', '联系人', '联系人姓名'],
  title: ['title', 'job title', 'position', '职位', '职务', '头衔'],
  role: ['role', '角色', '决策角色'],
  phones: ['phone', 'phones', 'telephone', 'tel', 'mobile', '电话', '手机', '联系电话', '手机号', '座机'],
  emails: ['email', 'emails', 'e-mail', 'mail', '邮箱', '电子邮箱', '邮件'],
  birthday: ['birthday', 'birth date', 'date of birth', '生日', '出生日期'],
  preferredChannel: ['preferred_channel', 'preferred channel', '首选渠道', '首选联系方式', '偏好渠道'],
  consentEmail: ['consent_email', 'consent email', 'email consent', '同意邮件', '邮件营销同意', '同意邮件营销'],
  consentSms: ['consent_sms', 'consent sms', 'sms consent', '同意短信', '短信营销同意', '同意短信营销'],
  consentWechat: ['consent_wechat', 'consent wechat', 'wechat consent', '同意微信', '微信营销同意', '同意微信营销'],
  ownerId: ['owner_id', 'owner id', '负责人id', '负责人ID'],
  description: descriptionAliases,
};
