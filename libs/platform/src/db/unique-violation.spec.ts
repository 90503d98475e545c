import { isUniqueViolation } from './unique-violation';

describe('a unique violation', () => {
  const violation = { code: '23505', constraint: 'contracts_number_key' };

  it('is recognised on the error or on the driver error TypeORM wraps', () => {
    expect(isUniqueViolation(violation)).toBe(true);
    expect(isUniqueViolation({ driverError: violation }, 'contracts_number_key')).toBe(true);
  });

  it('is told apart by constraint, and from other errors', () => {
    expect(isUniqueViolation(violation, 'products_code_key')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
