import { descriptionAliases, type ColumnAliases } from '@crm/platform/csv-import';

export type AccountColumn =
  | 'name'
  | 'taxId'
  | 'industry'
  | 'size'
  | 'website'
  | 'phones'
  | 'emails'
  | 'tags'
  | 'grade'
  | 'lifecycleStage'
  | 'ownerId'
  | 'teamId'
  | 'addressKind'
  | 'addressLine1'
  | 'addressLine2'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'countryCode'
  | 'description';

/** The headers an account import understands, in English and Chinese (compared after normalizeHeader). */
export const accountColumnAliases: ColumnAliases<AccountColumn> = {
  name: ['name', 'account name', 'company', 'company name', '公司名称', '客户名称', '名称', '企业名称', '公司'],
  taxId: ['tax_id', 'tax id', 'uscc', '税号', '统一社会信用代码', '纳税人识别号', '信用代码'],
  industry: ['industry', '行业', '所属行业'],
  size: ['size', 'company size', '规模', '企业规模', '公司规模'],
  website: ['website', 'web', 'url', 'homepage', '网址', '官网', '网站', '公司网址'],
  phones: ['phone', 'phones', 'telephone', 'tel', 'mobile', '电话', '手机', '联系电话', '手机号', '座机', '公司电话'],
  emails: ['email', 'emails', 'e-mail', 'mail', '邮箱', '电子邮箱', '邮件', '公司邮箱'],
  tags: ['tags', 'tag', 'labels', '标签'],
  grade: ['grade', 'rating', '等级', '客户等级', '级别', '客户级别'],
  lifecycleStage: ['stage', 'lifecycle_stage', 'lifecycle stage', '阶段', '客户阶段', '生命周期'],
  ownerId: ['owner_id', 'owner id', '负责人id', '负责人ID'],
  teamId: ['team_id', 'team id', '团队id', '团队ID'],
  addressKind: ['address_kind', 'address kind', 'address type', '地址类型'],
  addressLine1: [
    'address',
    'address_line1',
    'address line1',
    'address line 1',
    'street',
    '地址',
    '详细地址',
    '公司地址',
  ],
  addressLine2: ['address_line2', 'address line2', 'address line 2', '地址2', '地址二'],
  city: ['city', '城市', '市'],
  region: ['region', 'province', 'state', '省份', '省', '地区', '省市'],
  postalCode: ['postal_code', 'postal code', 'zip', 'zip code', 'postcode', '邮编', '邮政编码'],
  countryCode: ['country', 'country_code', 'country code', '国家', '国家/地区', '国家地区'],
  description: descriptionAliases,
};
