import type { AccountFields } from './account';
import { planMerge } from './merge-plan';

const base: AccountFields = {
  name: '',
  taxId: null,
  industry: null,
  size: null,
  website: null,
  addresses: [],
  phones: [],
  emails: [],
  tags: [],
  grade: null,
  lifecycleStage: 'prospect',
  ownerId: null,
  teamId: null,
  customFields: {},
  description: null,
};

describe('merge plan', () => {
  const winner: AccountFields = {
    ...base,
    name: '华为技术有限公司',
    industry: '通信',
    grade: 'A',
    phones: ['+8613812345678'],
    emails: ['sales@huawei.com'],
    tags: ['重点'],
    addresses: [
      {
        kind: 'office',
        line1: '坂田华为基地',
        line2: null,
        city: '深圳',
        region: '广东',
        postalCode: '518129',
        countryCode: 'CN',
      },
    ],
    customFields: { sales_region: '华南', budget: '' },
  };
  const loser: AccountFields = {
    ...base,
    name: '华为',
    taxId: '914403001922038216',
    industry: 'Telecom',
    website: 'https://www.huawei.com/',
    lifecycleStage: 'customer',
    grade: 'B',
    phones: ['138 1234 5678', '+86 755 28780808'],
    emails: ['SALES@huawei.com', 'info@huawei.com'],
    tags: ['重点', 'VIP'],
    addresses: [
      {
        kind: 'billing',
        line1: '坂田华为基地 ',
        line2: null,
        city: '深圳',
        region: '广东',
        postalCode: '518129',
        countryCode: 'CN',
      },
      {
        kind: 'office',
        line1: '中关村软件园',
        line2: null,
        city: '北京',
        region: null,
        postalCode: null,
        countryCode: 'CN',
      },
    ],
    customFields: { sales_region: '华北', budget: '1000000.00', source: 'expo' },
  };

  it("keeps the winner's values and fills its blanks from the loser", () => {
    const { merged, filledFromLoser } = planMerge(winner, loser);
    expect(merged).toMatchObject({
      name: '华为技术有限公司',
      industry: '通信',
      grade: 'A',
      lifecycleStage: 'prospect',
      taxId: '914403001922038216',
      website: 'https://www.huawei.com/',
    });
    expect(filledFromLoser).toEqual(expect.arrayContaining(['taxId', 'website']));
    expect(filledFromLoser).not.toContain('industry');
  });

  it('unions phones, emails, tags and addresses without duplicates by normalized key', () => {
    const { merged, filledFromLoser } = planMerge(winner, loser);
    expect(merged.phones).toEqual(['+8613812345678', '+86 755 28780808']);
    expect(merged.emails).toEqual(['sales@huawei.com', 'info@huawei.com']);
    expect(merged.tags).toEqual(['重点', 'VIP']);
    expect(merged.addresses.map((a) => a.city)).toEqual(['深圳', '北京']);
    expect(filledFromLoser).toEqual(expect.arrayContaining(['phones', 'emails', 'tags', 'addresses']));
  });

  it('fills custom fields only where the winner lacks them', () => {
    const { merged, filledFromLoser } = planMerge(winner, loser);
    expect(merged.customFields).toEqual({ sales_region: '华南', budget: '1000000.00', source: 'expo' });
    expect(filledFromLoser).toEqual(expect.arrayContaining(['customFields.budget', 'customFields.source']));
  });

  it('does not change its inputs and fills nothing from an empty loser', () => {
    const copy = structuredClone(winner);
    expect(planMerge(winner, { ...base, name: 'x' })).toEqual({ merged: copy, filledFromLoser: [] });
    expect(winner).toEqual(copy);
  });
});
