import { normalizePhone, phoneKey } from './phone-number';

describe('phone number', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['+86-138-1234-5678', '+8613812345678'],
    ['+86 138-0000-1234', '+8613800001234'],
    ['(+86)13800001234', '+8613800001234'],
    ['(+86) 138 0000 1234', '+8613800001234'],
    ['(86)13800001234', '+8613800001234'],
    ['0086 13812345678', '+8613812345678'],
    ['0086 138 0000 1234', '+8613800001234'],
    ['8613812345678', '+8613812345678'],
    ['86-13800001234', '+8613800001234'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['１３８００００１２３４', '+8613800001234'],
    ['＋８６（１３８）１２３４５６７８', '+8613812345678'],
    ['（＋８６）１３８００００１２３４', '+8613800001234'],
    [' 13812345678 ', '+8613812345678'],
  ])('reads the Chinese mobile %p', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['010-12345678', '+861012345678'],
    ['(010) 12345678', '+861012345678'],
    ['021-6123 4567', '+862161234567'],
    ['(0755) 8888 9999', '+8675588889999'],
    ['0755-88889999', '+8675588889999'],
    ['０１０－１２３４５６７８', '+861012345678'],
    ['+86 10 1234 5678', '+861012345678'],
    ['+86 (0)10 1234 5678', '+861012345678'],
    ['0086 10 1234 5678', '+861012345678'],
    ['400-800-1234', '+864008001234'],
  ])('reads the Chinese landline or service number %p', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([
    ['010-12345678 ext. 123', '+861012345678;ext=123'],
    ['010-12345678 ext 123', '+861012345678;ext=123'],
    ['010-12345678 x123', '+861012345678;ext=123'],
    ['010-12345678#123', '+861012345678;ext=123'],
    ['010-12345678转123', '+861012345678;ext=123'],
    ['010-12345678 转 801', '+861012345678;ext=801'],
    ['010-12345678 分机 801', '+861012345678;ext=801'],
    ['(0755) 8888 9999 轉 12', '+8675588889999;ext=12'],
  ])('keeps the extension of %p after the E.164 number', (raw, stored) => {
    expect(normalizePhone(raw)).toBe(stored);
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
    expect(normalizePhone('020 7946 0958', 'gb')).toBe('+442079460958');
  });

  it.each(['+8613812345678', '+861012345678;ext=123', '+14155552671', '+442079460958'])(
    'gives the stored form %p back unchanged',
    (stored) => {
      expect(normalizePhone(stored)).toBe(stored);
    },
  );

  it.each([
    '',
    'abc',
    '12345678', // a landline without its area code: the city is unknown
    '1381234567', // a mobile one digit short
    '23812345678', // not a mobile prefix
    '+1 123 456 7890', // NANP area codes never start with 1
    '+0 123456789',
    '+123456789012345678',
    'call 13812345678 now', // text around a number: the cell is not a phone number
    '13812345678 / 13912345678', // two numbers in one cell are split before they get here
    `+86 138 1234 5678${' '.repeat(60)}`, // longer than any phone number
  ])('refuses %p', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('refuses an unknown default country', () => {
    expect(normalizePhone('12345678', 'XX')).toBeNull();
  });

  it('keys a number by E.164 without its extension, so every extension of a switchboard matches', () => {
    expect(phoneKey('010-12345678 转 801')).toBe('+861012345678');
    expect(phoneKey('+861012345678;ext=123')).toBe('+861012345678');
    expect(phoneKey('(+86)13800001234')).toBe('+8613800001234');
    expect(phoneKey('12345678')).toBeNull();
  });
});
