import { maskPhone } from './masked-phone';

describe('maskPhone', () => {
  it('keeps the prefix and the last three digits of a number and hides the rest', () => {
    expect(maskPhone('+14156710911')).toBe('+141•••••911');
    expect(maskPhone('+8613800138000')).toBe('+861•••••••000');
    expect(maskPhone('02161234567')).toBe('021•••••567');
  });

  it('hides all but the last two digits of a short number', () => {
    expect(maskPhone('12345')).toBe('•••45');
    expect(maskPhone('12')).toBe('•12');
  });
});
