import type { Connection, CountedConnection } from '@crm/platform/graphql';
import type { TicketMessageRow } from '../application/ticket-reads';
import type { BusinessCalendarRow, SlaPolicyRow } from '../db/sla-settings-rows';
import type { TicketAssignmentRuleRow } from '../db/ticket-assignment-rule-rows';
import type { StatusHistoryRow, TicketRow } from '../db/ticket-rows';

/** What the resolvers of the connection types really return (the mappers of the generated resolver types). */
export type TicketCountedConnection = CountedConnection<TicketRow>;
export type TicketEventConnectionModel = Connection<StatusHistoryRow>;
export type TicketMessageConnectionModel = Connection<TicketMessageRow>;
export type BusinessCalendarCountedConnection = CountedConnection<BusinessCalendarRow>;
export type SlaPolicyCountedConnection = CountedConnection<SlaPolicyRow>;
export type TicketAssignmentRuleCountedConnection = CountedConnection<TicketAssignmentRuleRow>;
