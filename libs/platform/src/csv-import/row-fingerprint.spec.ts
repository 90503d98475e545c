import { rowFingerprint } from './row-fingerprint';

describe('row fingerprint', () => {
  const row = { name: '深圳市华强电子有限公司', phones: ['+8613800001234'], taxId: null, tags: ['vip'] };

  it('is the same whatever the order of the fields', () => {
    expect(rowFingerprint({ tags: ['vip'], taxId: null, phones: ['+8613800001234'], name: row.name })).toBe(
      rowFingerprint(row),
    );
  });

  it('changes when a value changes, a null included', () => {
    expect(rowFingerprint({ ...row, taxId: '91440300MA5F12345X' })).not.toBe(rowFingerprint(row));
    expect(rowFingerprint({ ...row, name: '深圳市华强电子' })).not.toBe(rowFingerprint(row));
  });

  it('stays what it was before a field added later existed while a row leaves it empty, so re-running an old file changes nothing', () => {
    // The fingerprint a row of the same file had before the description field was added.
    const later = ['description'];
    expect(rowFingerprint({ ...row, description: null }, later)).toBe(rowFingerprint(row, later));
    expect(rowFingerprint({ ...row, description: '' }, later)).toBe(rowFingerprint(row, later));
    expect(rowFingerprint({ ...row, description: '老客户，每月回访' }, later)).not.toBe(rowFingerprint(row, later));
  });

  it('counts an empty field that was there from the start', () => {
    expect(rowFingerprint({ ...row, description: null })).not.toBe(rowFingerprint(row));
  });
});
