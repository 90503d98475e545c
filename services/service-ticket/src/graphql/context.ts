import DataLoader from 'dataloader';
import type { Actor } from '@crm/platform/auth';
import { isUuid } from '@crm/platform/ids';
import { accountFactsFor, type AccountFacts } from '@crm/platform/customer-accounts';
import {
  byIdLoader as byId,
  childCountsLoader as childCounts,
  childPagesLoader as childPages,
  type ChildCounts,
  type ChildPages,
  type RedactionContext,
} from '@crm/platform/graphql';
import { openComplaintCounts } from '../application/open-complaint-counts';
import type { TicketMessageRow } from '../application/ticket-reads';
import type { TicketServices } from '../application/ticket-services';
import type { StatusHistoryRow, TicketRow } from '../db/ticket-rows';
import { lastAnsweredSurveysOfAccounts, latestSurveysOfTickets } from '../db/survey-rows';
import { ticketVisibilitySql } from '../policy/ticket-access';
import { surveyView, type SurveyView } from './survey-view';
import type { BusinessCalendarRow, SlaPolicyRow } from '../db/sla-settings-rows';
import { ticketSlaByIds } from '../db/ticket-sla-rows';
import { ticketSlaModel, type TicketSlaModel } from './ticket-sla-model';

/** An Account as this subgraph knows it: only its key (the customer service resolves the rest). */
export interface AccountReference {
  id: string;
}

export interface TicketLoaders {
  ticket: DataLoader<string, TicketRow | null>;
  /** What the customer service's events say about an account, for this caller (null: not heard of yet). */
  accountFacts: DataLoader<string, AccountFacts | null>;
  accountTickets: ChildPages<AccountReference, TicketRow>;
  accountTicketCounts: ChildCounts<AccountReference>;
  /** The same, only tickets not yet resolved or closed. */
  accountOpenTickets: ChildPages<AccountReference, TicketRow>;
  accountOpenTicketCounts: ChildCounts<AccountReference>;
  /** Open complaints the caller may see, per account: a page of accounts in one statement. */
  accountOpenComplaints: DataLoader<string, number>;
  history: ChildPages<TicketRow, StatusHistoryRow>;
  messages: ChildPages<TicketRow, TicketMessageRow>;
  /** Ticket.survey: each ticket's latest survey (the ticket itself was already checked). */
  latestSurvey: DataLoader<string, SurveyView | null>;
  /** Account.lastCsat: the latest answered survey among the account's tickets this caller may see. */
  accountLastCsat: DataLoader<string, SurveyView | null>;
  /** The SLA state of tickets the caller already reads (one statement per page). */
  ticketSla: DataLoader<string, TicketSlaModel | null>;
  slaPolicy: DataLoader<string, SlaPolicyRow | null>;
  businessCalendar: DataLoader<string, BusinessCalendarRow | null>;
}

/** Per request: who asks (and their token, for calls made on their behalf), the services, fresh loaders. */
export interface TicketContext extends RedactionContext {
  actor: Actor;
  token: string;
  services: TicketServices;
  loaders: TicketLoaders;
}

export function createContext(services: TicketServices, actor: Actor, token: string): TicketContext {
  const { tickets, reads } = services;
  return {
    actor,
    token,
    services,
    redactedFields: new Set(),
    loaders: {
      ticket: byId((ids) => tickets.batchGet(ids, actor)),
      accountFacts: new DataLoader(async (ids) => {
        const facts = await accountFactsFor(services.dataSource.manager, actor, ids);
        return ids.map((id) => facts.get(id) ?? null);
      }),
      accountTickets: childPages((parents, first, after) =>
        tickets.pagesByAccount(
          parents.map((p) => p.id),
          first,
          after,
          actor,
        ),
      ),
      accountTicketCounts: childCounts((parents) =>
        tickets.countsByAccount(
          parents.map((p) => p.id),
          actor,
        ),
      ),
      accountOpenTickets: childPages((parents, first, after) =>
        tickets.pagesByAccount(
          parents.map((p) => p.id),
          first,
          after,
          actor,
          true,
        ),
      ),
      accountOpenTicketCounts: childCounts((parents) =>
        tickets.countsByAccount(
          parents.map((p) => p.id),
          actor,
          true,
        ),
      ),
      accountOpenComplaints: new DataLoader(async (ids) => {
        const counts = await openComplaintCounts(services.dataSource, ids, actor);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
      history: childPages((parents, first, after) =>
        reads.historyPages(
          parents.map((p) => p.id),
          first,
          after,
        ),
      ),
      messages: childPages((parents, first, after) =>
        reads.messagePages(
          parents.map((p) => p.id),
          first,
          after,
        ),
      ),
      latestSurvey: new DataLoader(async (ids) => {
        const surveys = await latestSurveysOfTickets(services.dataSource.manager, ids);
        return ids.map((id) => surveyView(surveys.get(id), new Date()));
      }),
      accountLastCsat: new DataLoader(async (ids) => {
        const surveys = await lastAnsweredSurveysOfAccounts(
          services.dataSource.manager,
          ids.filter(isUuid),
          ticketVisibilitySql(actor, 't', 2),
        );
        return ids.map((id) => surveyView(surveys.get(id), new Date()));
      }),
      ticketSla: new DataLoader(async (ids) => {
        const rows = await ticketSlaByIds(services.dataSource.manager, ids);
        const now = new Date();
        return ids.map((id) => {
          const row = rows.get(id);
          return row ? ticketSlaModel(row, now) : null;
        });
      }),
      slaPolicy: new DataLoader(async (ids) => {
        const rows = await services.slaPolicies.byIds(ids);
        return ids.map((id) => rows.get(id) ?? null);
      }),
      businessCalendar: new DataLoader(async (ids) => {
        const rows = await services.calendars.byIds(ids);
        return ids.map((id) => rows.get(id) ?? null);
      }),
    },
  };
}
