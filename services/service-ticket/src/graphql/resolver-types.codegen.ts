import { join } from 'node:path';
import { subgraphSdlFiles } from '@crm/platform/graphql';
import type { ResolverTypesSpec } from '@crm/testing/graphql-codegen';
import { allTicketResolvers } from './all-resolvers';

/** The enums the resolver map translates (TicketStatus.IN_PROGRESS → 'in_progress'), read from the map itself. */
function enumValues(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [type, values] of Object.entries(allTicketResolvers())) {
    const entries = Object.entries(values);
    if (entries.length && entries.every(([, v]) => typeof v === 'string')) out[type] = values as Record<string, string>;
  }
  return out;
}

/** How the service-ticket subgraph's resolver types are generated (`make codegen`; a spec fails when they are stale). */
export function ticketResolverTypesSpec(root = join(__dirname, '..', '..', '..', '..')): ResolverTypesSpec {
  const dir = join(root, 'services/service-ticket/src/graphql');
  return {
    schema: subgraphSdlFiles(dir),
    outFile: join(dir, 'generated/resolver-types.ts'),
    contextType: '../context#TicketContext',
    mappers: {
      Account: '../context#AccountReference',
      Ticket: '../../db/ticket-rows#TicketRow',
      TicketConnection: '../connection#TicketCountedConnection',
      TicketEvent: '../../db/ticket-rows#StatusHistoryRow',
      TicketEventConnection: '../connection#TicketEventConnectionModel',
      TicketMessage: '../../application/ticket-reads#TicketMessageRow',
      TicketMessageConnection: '../connection#TicketMessageConnectionModel',
      FieldChange: '@crm/platform/audit#FieldChangeRecord',
      AuditRecord: '@crm/platform/audit#AuditRecord',
      Survey: '../survey-view#SurveyView',
      TicketAttachment: '../../db/attachment-rows#AttachmentRow',
      TicketAssignmentRule: '../../db/ticket-assignment-rule-rows#TicketAssignmentRuleRow',
      TicketAssignmentRuleConnection: '../connection#TicketAssignmentRuleCountedConnection',
      BusinessCalendar: '../../db/sla-settings-rows#BusinessCalendarRow',
      BusinessCalendarConnection: '../connection#BusinessCalendarCountedConnection',
      SlaPolicy: '../../db/sla-settings-rows#SlaPolicyRow',
      SlaPolicyConnection: '../connection#SlaPolicyCountedConnection',
      TicketSla: '../ticket-sla-model#TicketSlaModel',
      SlaTargetClock: '../../domain/sla-clock#SlaTargetClock',
    },
    scalars: { DateTime: 'Date', JSON: 'unknown' },
    enumValues: enumValues(),
  };
}
