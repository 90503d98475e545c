import {
  ColumnResolver,
  describeColumns,
  type ColumnAliases,
  type ColumnMapping,
  type CsvHeaderColumn,
} from '@crm/platform/csv-import';

export type LeadColumn = 'companyName' | 'personName' | 'title' | 'email' | 'phone' | 'industry' | 'region';

/** The headers a lead import understands, in English and Chinese (compared after normalizeHeader). */
export const leadColumnAliases: ColumnAliases<LeadColumn> = {
  companyName: [
    'company',
    'company name',
    'company_name',
    'account',
    '公司',
    '公司名称',
    '客户名称',
    '单位',
    '企业名称',
  ],
  personName: ['name', 'contact', 'contact name', 'person', 'person name', 'full name', '姓名', '联系人', '联系人姓名'],
  title: ['title', 'job title', 'position', '职位', '职务', '头衔'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '邮件'],
  phone: ['phone', 'telephone', 'tel', 'mobile', '电话', '手机', '联系电话', '手机号'],
  industry: ['industry', 'sector', '行业', '所属行业'],
  region: ['region', 'territory', 'area', 'province', '地区', '区域', '省份'],
};

export const leadColumnResolver = new ColumnResolver(leadColumnAliases);

/** Where each column of a lead file goes, for the import report. */
export function describeLeadColumns(header: CsvHeaderColumn[]): ColumnMapping[] {
  return describeColumns(header, leadColumnResolver, { kind: 'a lead', listFields: [], customFieldKeys: null });
}
