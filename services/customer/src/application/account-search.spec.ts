import { classifySearch } from './account-search';

describe('account search classification', () => {
  it.each([
    ['(+86)13800001234', '+8613800001234'],
    ['0086 138 0000 1234', '+8613800001234'],
    ['１３８００００１２３４', '+8613800001234'],
    ['010-12345678', '+861012345678'],
    ['010-12345678 转 801', '+861012345678'],
  ])('searches %p by the same phone key that accounts are stored under', (text, key) => {
    expect(classifySearch(text)).toEqual({ kind: 'phone', key });
  });

  it('searches digits that are no phone number by name', () => {
    expect(classifySearch('12345')).toMatchObject({ kind: 'name' });
  });

  it('reads a number typed without + in the configured default country', () => {
    expect(classifySearch('(415) 555-2671', 'US')).toEqual({ kind: 'phone', key: '+14155552671' });
    expect(classifySearch('+86 138 0000 1234', 'US')).toEqual({ kind: 'phone', key: '+8613800001234' });
  });
});
