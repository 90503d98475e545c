import { rowFingerprint } from '@crm/platform/csv-import';

/** Fields added to accounts and contacts after their fingerprints were first stored: left out while empty. */
const fieldsAddedLater: readonly string[] = ['description'];

/** The fingerprint of an imported account's or contact's normalized fields, as stored since the first import. */
export function customerRowFingerprint(fields: object): string {
  return rowFingerprint(fields, fieldsAddedLater);
}
