import type { ContactFields } from './contact';
import { validateContactFields } from './contact-rules';

const accountId = '0b6f2a5e-8d4c-4f3a-9e2b-1c7d8e9f0a1b';
const create = (input: Partial<ContactFields>, today?: string) =>
  validateContactFields(input, { mode: 'create', today });

describe('contact rules', () => {
  it('normalizes a valid contact and fills defaults on create', () => {
    const result = create({
      accountId,
      name: ' 张三 ',
      title: '采购总监',
      phones: ['139 0000 1111'],
      emails: ['ZhangSan@Example.cn'],
      birthday: '1985-06-01',
      preferredChannel: 'wechat',
      consentWechat: true,
    });
    expect(result).toEqual({
      value: {
        accountId,
        name: '张三',
        title: '采购总监',
        role: null,
        phones: ['+8613900001111'],
        emails: ['zhangsan@example.cn'],
        birthday: '1985-06-01',
        preferredChannel: 'wechat',
        consentEmail: false,
        consentSms: false,
        consentWechat: true,
        ownerId: null,
        description: null,
      },
      violations: [],
    });
  });

  it('keeps a description (备注) of up to 2000 characters and refuses a longer one naming the field', () => {
    expect(create({ accountId, name: 'A', description: ' 只在工作日联系 ' }).value.description).toBe('只在工作日联系');
    expect(create({ accountId, name: 'A', description: 'x'.repeat(2001) }).violations).toEqual([
      expect.objectContaining({ path: ['description'], rule: 'max_length' }),
    ]);
  });

  it('requires the account and a name on create', () => {
    expect(create({}).violations.map((v) => `${v.path[0]}:${v.rule}`)).toEqual(['accountId:required', 'name:required']);
    expect(create({ accountId: 'x', name: 'A' }).violations[0]).toMatchObject({ path: ['accountId'], rule: 'uuid' });
  });

  it('lets an import link the account later', () => {
    expect(validateContactFields({ name: '李四' }, { mode: 'create', accountLinkedLater: true }).violations).toEqual(
      [],
    );
  });

  it('checks birthdays as real past dates', () => {
    expect(create({ accountId, name: 'A', birthday: '1990-02-30' }).violations[0]).toMatchObject({ rule: 'date' });
    expect(create({ accountId, name: 'A', birthday: '01/02/1990' }).violations[0]).toMatchObject({ rule: 'date' });
    expect(create({ accountId, name: 'A', birthday: '1850-01-01' }).violations[0]).toMatchObject({
      rule: 'date_range',
    });
    expect(create({ accountId, name: 'A', birthday: '2030-01-01' }, '2025-01-01').violations[0]).toMatchObject({
      rule: 'date_range',
    });
  });

  it('requires a way to reach the contact on the preferred channel', () => {
    expect(create({ accountId, name: 'A', preferredChannel: 'email' }).violations[0]).toMatchObject({
      path: ['preferredChannel'],
      rule: 'channel_reachable',
    });
    expect(create({ accountId, name: 'A', preferredChannel: 'sms', phones: ['13800000000'] }).violations).toEqual([]);
  });

  it('names bad phones, emails and enums', () => {
    const result = create({
      accountId,
      name: 'A',
      phones: ['13800000000', '123'],
      emails: ['x@'],
      preferredChannel: 'fax' as never,
      consentSms: 'yes' as never,
    });
    expect(result.violations.map((v) => `${v.path.join('.')}:${v.rule}`)).toEqual([
      'phones.1:phone',
      'emails.0:email',
      'preferredChannel:enum',
      'consentSms:type',
    ]);
  });

  it('on update checks only the fields given', () => {
    expect(validateContactFields({ title: ' CTO ' }, { mode: 'update' })).toEqual({
      value: { title: 'CTO' },
      violations: [],
    });
  });
});
