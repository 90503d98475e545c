// Who reads and who edits business calendars and SLA policies (the operation policy admits the same roles; these
// checks hold for callers that reach the services another way, e.g. gRPC or a job).
import { Roles, type Actor } from '@crm/platform/auth';
import { has } from '@crm/platform/customer-accounts';
import { NotAllowedError } from '@crm/platform/errors';

/** Service staff see the targets their queue runs on; crm-admin maintains them. */
export function canReadSlaSettings(actor: Actor): boolean {
  return has(actor, Roles.serviceAgent) || has(actor, Roles.serviceManager) || has(actor, Roles.admin);
}

export function canEditSlaSettings(actor: Actor): boolean {
  return has(actor, Roles.admin);
}

export function requireSlaSettingsReader(actor: Actor): void {
  if (!canReadSlaSettings(actor)) throw new NotAllowedError('only service staff and crm-admin read SLA settings');
}

export function requireSlaSettingsEditor(actor: Actor): void {
  if (!canEditSlaSettings(actor)) throw new NotAllowedError('only crm-admin edits business calendars and SLA policies');
}
