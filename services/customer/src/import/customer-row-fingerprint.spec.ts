import { customerRowFingerprint } from './customer-row-fingerprint';

describe('customer row fingerprint', () => {
  const row = { name: '深圳市华强电子有限公司', phones: ['+8613800001234'], taxId: null, tags: ['vip'] };

  it('stays what it was before descriptions existed while a row has none, so re-running an old file changes nothing', () => {
    // The fingerprint a row of the same file had before the description field was added.
    expect(customerRowFingerprint({ ...row, description: null })).toBe(customerRowFingerprint(row));
    expect(customerRowFingerprint({ ...row, description: '' })).toBe(customerRowFingerprint(row));
    expect(customerRowFingerprint({ ...row, description: '老客户，每月回访' })).not.toBe(customerRowFingerprint(row));
  });
});
