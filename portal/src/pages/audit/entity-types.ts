import type { AuditService } from './audit-queries';

/** Suggestions for the record-type filter (any type the service audits may still be typed). */
export const ENTITY_TYPES: Record<AuditService, readonly string[]> = {
  customer: ['account', 'contact', 'activity', 'custom_field', 'access_request', 'user'],
  sales: ['opportunity', 'lead', 'quote', 'contract', 'pipeline', 'product', 'quota', 'exchange_rate'],
  ticket: ['ticket', 'sla_policy', 'business_calendar', 'ticket_assignment_rule'],
};
