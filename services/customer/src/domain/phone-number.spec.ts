import { normalizePhone } from './phone-number';

describe('phone number', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['+86-138-1234-5678', '+8613812345678'],
    ['0086 13812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['＋８６（１３８）１２３４５６７８', '+8613812345678'],
  ])('reads the Chinese mobile %p', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['010-12345678', '+861012345678'],
    ['(010) 12345678', '+861012345678'],
    ['021-6123 4567', '+862161234567'],
    ['0755-1234567', '+867551234567'],
    ['0755-12345678', '+8675512345678'],
    ['+86 10 1234 5678', '+861012345678'],
    ['+86 (0)10 1234 5678', '+861012345678'],
    ['400-800-1234', '+864008001234'],
  ])('reads the Chinese landline or service number %p', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['+1 (415) 555-2671', '+14155552671'],
    ['001 415 555 2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+852 2123 4567', '+85221234567'],
    ['+49 30 123456', '+4930123456'],
  ])('reads the international number %p', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it('reads national numbers in the given default country', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(normalizePhone('1-415-555-2671', 'US')).toBe('+14155552671');
    expect(normalizePhone('011 44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it.each([
    '',
    'abc',
    '12345678', // a landline without its area code: the city is unknown
    '1381234567', // a mobile one digit short
    '23812345678', // not a mobile prefix
    '+1 123 456 7890', // NANP area codes never start with 1
    '+0 123456789',
    '+123456789012345678',
    '010-12345678 转 801',
  ])('refuses %p', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('refuses an unknown default country', () => {
    expect(normalizePhone('12345678', 'XX')).toBeNull();
  });
});
