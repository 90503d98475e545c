import type { AccountFields } from './account';
import { validateAccountFields } from './account-rules';
import type { CustomFieldDefinition } from './custom-fields';

const definitions: CustomFieldDefinition[] = [
  { key: 'annual_budget', label: 'Annual budget', type: 'decimal', required: false },
  { key: 'sales_region', label: '销售区域', type: 'select', required: false, options: ['华北', '华东'] },
];
const create = (input: Partial<AccountFields>) =>
  validateAccountFields(input, { mode: 'create', customFieldDefinitions: definitions });
const update = (input: Partial<AccountFields>) =>
  validateAccountFields(input, { mode: 'update', customFieldDefinitions: definitions });
const ownerId = '6f1c1f9e-4c1e-4e8a-9d3b-2a4f5e6d7c8b';

describe('account rules', () => {
  it('normalizes a valid account and fills defaults on create', () => {
    const result = create({
      name: '  华为技术有限公司 ',
      taxId: '9135-0100-m000-100y43',
      website: 'www.huawei.com',
      phones: ['138-1234-5678', '+86 13812345678', ''],
      emails: [' Sales@Huawei.com '],
      tags: [' 重点 ', '重点', 'VIP', 'vip', ''],
      size: 'enterprise',
      ownerId: ownerId.toUpperCase(),
      customFields: { annual_budget: '1234.50' },
    });
    expect(result.violations).toEqual([]);
    expect(result.value).toEqual({
      name: '华为技术有限公司',
      taxId: '91350100M000100Y43',
      industry: null,
      size: 'enterprise',
      website: 'https://www.huawei.com/',
      addresses: [],
      phones: ['+8613812345678'],
      emails: ['sales@huawei.com'],
      tags: ['重点', 'VIP'],
      grade: null,
      lifecycleStage: 'prospect',
      ownerId,
      teamId: null,
      customFields: { annual_budget: '1234.50' },
      description: null,
    });
  });

  it('keeps a description (备注) of up to 2000 characters, trimmed, and refuses a longer one naming the field', () => {
    expect(create({ name: 'A', description: '  年度框架协议客户\n季度回访  ' }).value.description).toBe(
      '年度框架协议客户\n季度回访',
    );
    expect(create({ name: 'A', description: '备'.repeat(2000) }).violations).toEqual([]);
    expect(create({ name: 'A', description: '备'.repeat(2001) }).violations).toEqual([
      expect.objectContaining({ path: ['description'], rule: 'max_length', message: 'at most 2000 characters' }),
    ]);
    expect(create({ name: 'A', description: '   ' }).value.description).toBeNull();
  });

  it('requires a name of 1 to 200 characters on create', () => {
    expect(create({}).violations).toEqual([expect.objectContaining({ path: ['name'], rule: 'required' })]);
    expect(create({ name: '   ' }).violations[0].rule).toBe('required');
    expect(create({ name: '华'.repeat(200) }).violations).toEqual([]);
    expect(create({ name: '华'.repeat(201) }).violations[0]).toMatchObject({ path: ['name'], rule: 'max_length' });
  });

  it('names each bad phone and email by its index', () => {
    const result = create({ name: 'Acme', emails: ['a@acme.com', 'ok@acme.com', 'not-an-email'], phones: ['12345'] });
    expect(result.violations.map((v) => [v.path, v.rule])).toEqual([
      [['phones', 0], 'phone'],
      [['emails', 2], 'email'],
    ]);
  });

  it('checks the tax id, website, enums and ids', () => {
    const result = create({
      name: 'Acme',
      taxId: '91350100M000100Y44',
      website: 'ftp://acme.com',
      size: 'huge' as never,
      grade: 'D' as never,
      lifecycleStage: 'lead' as never,
      ownerId: 'me',
      teamId: 'Sales East!',
    });
    expect(result.violations.map((v) => `${v.path.join('.')}:${v.rule}`)).toEqual([
      'taxId:uscc_check',
      'size:enum',
      'website:url',
      'grade:enum',
      'lifecycleStage:enum',
      'ownerId:uuid',
      'teamId:team',
    ]);
  });

  it('takes a team as its Keycloak group name, with or without the /teams/ prefix', () => {
    expect(create({ name: 'Acme', teamId: '/teams/sales-east' }).value.teamId).toBe('sales-east');
    expect(create({ name: 'Acme', teamId: 'sales-south' }).value.teamId).toBe('sales-south');
  });

  it('limits tags to 50 of at most 40 characters', () => {
    const many = Array.from({ length: 51 }, (_, i) => `tag${i}`);
    expect(create({ name: 'A', tags: many }).violations).toEqual([
      expect.objectContaining({ path: ['tags'], rule: 'max_items' }),
    ]);
    expect(create({ name: 'A', tags: ['x'.repeat(41)] }).violations).toEqual([
      expect.objectContaining({ path: ['tags', 0], rule: 'max_length' }),
    ]);
  });

  it('checks addresses field by field', () => {
    const result = create({
      name: 'A',
      addresses: [
        {
          kind: 'Office',
          line1: '建国路 1 号',
          line2: null,
          city: '北京',
          region: null,
          postalCode: '100000',
          countryCode: 'cn',
        },
        {
          kind: 'billing',
          line1: '',
          line2: null,
          city: '上海',
          region: null,
          postalCode: '2000',
          countryCode: 'China',
        },
      ],
    });
    expect(result.violations.map((v) => v.path.join('.'))).toEqual(['addresses.1.countryCode']);
    expect(result.value.addresses[0]).toMatchObject({ kind: 'office', countryCode: 'CN' });
  });

  it.each([
    ['a city alone', { city: '深圳' }],
    ['a province alone', { region: '广东省' }],
    ['a province and a city without a street', { region: '广东省', city: '深圳市' }],
    ['a country alone', {}],
  ])('accepts a partial address: %s', (_case, parts) => {
    const result = create({ name: 'A', addresses: [{ kind: 'office', countryCode: 'CN', ...parts }] as never });
    expect(result.violations).toEqual([]);
    expect(result.value.addresses).toEqual([
      {
        kind: 'office',
        line1: null,
        line2: null,
        city: null,
        region: null,
        postalCode: null,
        countryCode: 'CN',
        ...parts,
      },
    ]);
  });

  it('still requires the country of an address', () => {
    const result = create({ name: 'A', addresses: [{ kind: 'office', city: '深圳' }] as never });
    expect(result.violations).toEqual([
      expect.objectContaining({ path: ['addresses', 0, 'countryCode'], rule: 'required' }),
    ]);
  });

  it('reports custom field problems under customFields', () => {
    const result = create({ name: 'A', customFields: { annual_budget: 12.5, colour: 'red' } });
    expect(result.violations.map((v) => v.path)).toEqual([
      ['customFields', 'colour'],
      ['customFields', 'annual_budget'],
    ]);
  });

  it('reports unknown fields instead of dropping them', () => {
    expect(create({ name: 'A', nmae: 'typo' } as Partial<AccountFields>).violations).toEqual([
      expect.objectContaining({ path: ['nmae'], rule: 'unknown_field' }),
    ]);
  });

  it('on update checks only the fields given', () => {
    expect(update({ grade: 'A' })).toEqual({ value: { grade: 'A' }, violations: [] });
    expect(update({ name: '' }).violations[0]).toMatchObject({ path: ['name'], rule: 'required' });
    expect(update({ lifecycleStage: null as never }).violations[0]).toMatchObject({ rule: 'required' });
    expect(update({ website: null })).toEqual({ value: { website: null }, violations: [] });
  });

  it('never throws on wrongly typed input', () => {
    const result = create({ name: 42, phones: 'x', tags: [1], customFields: [] } as never);
    expect(result.violations.map((v) => v.rule)).toEqual(['type', 'type', 'type', 'type']);
  });
});
