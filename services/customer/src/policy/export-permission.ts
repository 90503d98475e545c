// Who may take data out of the CRM as a file. Exports are watermarked and audited (export/account-export.ts).
import type { Actor } from '@crm/platform/auth';
import { has } from './account-access';

/** The roles holding the export permission: crm-admin, sales managers and finance. Reps and auditors do not. */
export const EXPORT_ROLES = ['crm-admin', 'sales-manager', 'finance'] as const;

export function canExport(actor: Actor): boolean {
  return EXPORT_ROLES.some((role) => has(actor, role));
}
