import {
  validateCustomFieldDefinition,
  validateCustomFieldDefinitions,
  validateCustomFieldValues,
  type CustomFieldDefinition,
} from './custom-fields';

const budget: CustomFieldDefinition = {
  key: 'annual_budget',
  label: 'Annual budget',
  type: 'decimal',
  required: false,
  min: 0,
};
const region: CustomFieldDefinition = {
  key: 'sales_region',
  label: '销售区域',
  type: 'select',
  required: true,
  options: ['华北', '华东', 'South'],
};
const employees: CustomFieldDefinition = {
  key: 'employees',
  label: 'Employees',
  type: 'number',
  required: false,
  min: 1,
  max: 1_000_000,
};
const products: CustomFieldDefinition = {
  key: 'products',
  label: 'Products',
  type: 'multiselect',
  required: false,
  options: ['ERP', 'CRM', 'BI'],
};
const code: CustomFieldDefinition = {
  key: 'erp_code',
  label: 'ERP code',
  type: 'text',
  required: false,
  pattern: '[A-Z]{2}\\d{4}',
  maxLength: 6,
};
const since: CustomFieldDefinition = { key: 'partner_since', label: 'Partner since', type: 'date', required: false };
const vip: CustomFieldDefinition = { key: 'vip', label: 'VIP', type: 'boolean', required: false };
const contactMail: CustomFieldDefinition = {
  key: 'billing_email',
  label: 'Billing email',
  type: 'email',
  required: false,
};
const portal: CustomFieldDefinition = { key: 'portal', label: 'Portal', type: 'url', required: false };
const definitions = [budget, region, employees, products, code, since, vip, contactMail, portal];

describe('custom field definitions', () => {
  it('accepts well-formed definitions', () => {
    expect(definitions.flatMap(validateCustomFieldDefinition)).toEqual([]);
  });

  it('requires a snake_case key', () => {
    for (const key of ['Budget', 'annual-budget', '1st', 'a__b', '_a', '']) {
      expect(validateCustomFieldDefinition({ ...budget, key })).toEqual([
        expect.objectContaining({ path: ['key'], rule: 'snake_case' }),
      ]);
    }
  });

  it('requires options for a select, without blanks or repeats', () => {
    expect(validateCustomFieldDefinition({ ...region, options: [] })).toEqual([
      expect.objectContaining({ path: ['options'], rule: 'required' }),
    ]);
    expect(validateCustomFieldDefinition({ ...region, options: ['a', 'a', ' '] }).map((v) => v.path)).toEqual([
      ['options', 1],
      ['options', 2],
    ]);
    expect(validateCustomFieldDefinition({ ...region, options: undefined, type: 'multiselect' })[0].rule).toBe(
      'required',
    );
  });

  it('requires a pattern that compiles', () => {
    expect(validateCustomFieldDefinition({ ...code, pattern: '([' })).toEqual([
      expect.objectContaining({ path: ['pattern'], rule: 'pattern_compiles' }),
    ]);
  });

  it('refuses patterns the linear-time engine cannot run: backreferences and lookaround', () => {
    for (const pattern of ['(a)\\1', '(?=a)a', '(?<!x)y']) {
      expect(validateCustomFieldDefinition({ ...code, pattern })).toEqual([
        expect.objectContaining({ path: ['pattern'], rule: 'pattern_compiles', message: expect.stringMatching(/RE2/) }),
      ]);
    }
  });

  it('bounds the length of a pattern', () => {
    expect(validateCustomFieldDefinition({ ...code, pattern: 'a'.repeat(501) })).toEqual([
      expect.objectContaining({ path: ['pattern'], rule: 'max_length' }),
    ]);
    expect(validateCustomFieldDefinition({ ...code, pattern: 'a'.repeat(500) })).toEqual([]);
  });

  it('accepts JavaScript escapes such as \\u ranges of Chinese characters', () => {
    expect(validateCustomFieldDefinition({ ...code, pattern: '[\\u4e00-\\u9fff]+' })).toEqual([]);
  });

  it('requires min <= max', () => {
    expect(validateCustomFieldDefinition({ ...employees, min: 10, max: 5 })).toEqual([
      expect.objectContaining({ rule: 'min_max' }),
    ]);
  });

  it('refuses settings that do not apply to the type', () => {
    expect(validateCustomFieldDefinition({ ...vip, options: ['x'] })[0].rule).toBe('not_applicable');
    expect(validateCustomFieldDefinition({ ...since, min: 1 })[0].rule).toBe('not_applicable');
  });

  it('refuses a key defined twice in a set', () => {
    expect(validateCustomFieldDefinitions([budget, { ...budget, label: 'Again' }])).toEqual([
      expect.objectContaining({ path: [1, 'key'], rule: 'unique' }),
    ]);
  });
});

describe('custom field values', () => {
  const check = (values: Record<string, unknown>, partial = false) =>
    validateCustomFieldValues(values, definitions, { partial });

  it('normalizes valid values of every type', () => {
    const result = check({
      annual_budget: '1234.50',
      sales_region: 'south',
      employees: '250',
      products: 'ERP、crm',
      erp_code: 'AB1234',
      partner_since: '2020-02-29',
      vip: '是',
      billing_email: 'AP@Example.com',
      portal: 'portal.example.com',
    });
    expect(result.violations).toEqual([]);
    expect(result.value).toEqual({
      annual_budget: '1234.50',
      sales_region: 'South',
      employees: 250,
      products: ['ERP', 'CRM'],
      erp_code: 'AB1234',
      partner_since: '2020-02-29',
      vip: true,
      billing_email: 'ap@example.com',
      portal: 'https://portal.example.com/',
    });
  });

  it('keeps money exact: decimals as strings, whole numbers allowed, floats with fractions refused', () => {
    expect(check({ sales_region: '华北', annual_budget: 1000 }).value.annual_budget).toBe('1000');
    expect(check({ sales_region: '华北', annual_budget: 1234.5 }).violations).toEqual([
      expect.objectContaining({ path: ['customFields', 'annual_budget'], rule: 'decimal_string' }),
    ]);
    expect(check({ sales_region: '华北', annual_budget: '1e3' }).violations[0].rule).toBe('decimal');
    expect(check({ sales_region: '华北', annual_budget: '-0.01' }).violations[0].rule).toBe('min');
  });

  it('names each bad value by its key', () => {
    const result = check({
      sales_region: '西北',
      employees: 0,
      products: ['ERP', 'HR'],
      erp_code: 'ab12',
      partner_since: '2021-02-29',
      vip: 'maybe',
      billing_email: 'nope',
      portal: 'ftp://x.cn',
    });
    expect(result.violations.map((v) => [v.path[1], v.rule])).toEqual([
      ['sales_region', 'option'],
      ['employees', 'min'],
      ['products', 'option'],
      ['erp_code', 'pattern'],
      ['partner_since', 'date'],
      ['vip', 'boolean'],
      ['billing_email', 'email'],
      ['portal', 'url'],
    ]);
  });

  it('matches a catastrophic-backtracking pattern in linear time', () => {
    const nested: CustomFieldDefinition = {
      key: 'code',
      label: 'Code',
      type: 'text',
      required: false,
      pattern: '^(a+)+$',
    };
    const started = Date.now();
    const result = validateCustomFieldValues({ code: `${'a'.repeat(40)}!` }, [nested], { partial: false });
    expect(result.violations).toEqual([expect.objectContaining({ path: ['customFields', 'code'], rule: 'pattern' })]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(validateCustomFieldValues({ code: 'a'.repeat(40) }, [nested], { partial: false }).violations).toEqual([]);
  });

  it('does not enforce a stored pattern RE2 refuses, so writes go on', () => {
    const legacy: CustomFieldDefinition = { ...code, pattern: '(\\w)\\1', maxLength: undefined };
    expect(validateCustomFieldValues({ erp_code: 'anything' }, [legacy], { partial: false })).toEqual({
      value: { erp_code: 'anything' },
      violations: [],
    });
  });

  it('refuses unknown keys and missing required fields', () => {
    expect(check({ colour: 'red' }).violations).toEqual([
      expect.objectContaining({ path: ['customFields', 'colour'], rule: 'unknown_field' }),
      expect.objectContaining({ path: ['customFields', 'sales_region'], rule: 'required' }),
    ]);
  });

  it('in a partial update, skips missing required fields and keeps null as "clear"', () => {
    expect(check({ annual_budget: null }, true)).toEqual({ value: { annual_budget: null }, violations: [] });
    expect(check({ sales_region: '' }, true).violations[0].rule).toBe('required');
  });

  it('drops blank optional values', () => {
    expect(check({ sales_region: '华东', erp_code: '  ', products: [] }).value).toEqual({ sales_region: '华东' });
  });
});
