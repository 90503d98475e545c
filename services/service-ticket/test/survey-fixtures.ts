// For the survey specs: a ticket taken through to resolved, the SurveySent event it caused, and the public page's calls.
import { ticketEventsV1 } from '@crm/contracts';
import { ticketFields, type TicketFields, type TicketHarness } from './ticket-test-harness';

export const changeStatus = `mutation($id: ID!, $status: TicketStatus!, $resolution: TicketResolutionInput) {
  changeTicketStatus(id: $id, status: $status, resolution: $resolution) { ${ticketFields} } }`;
const assign = `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { ${ticketFields} } }`;
export const resolution = { summary: 'Replaced the paper roller', rootCauseCategory: 'product_defect' };

export interface SentSurvey {
  ticket: TicketFields;
  sent: ticketEventsV1.SurveySent;
  /** The link's token: the path segment after /surveys/. */
  token: string;
}

/** The SurveySent events on the stream for this ticket, oldest first. */
export async function surveysSentFor(h: TicketHarness, ticketId: string): Promise<ticketEventsV1.SurveySent[]> {
  return (await h.streamEvents())
    .filter((e) => e.subject === 'crm.ticket.survey.sent')
    .map((e) => ticketEventsV1.SurveySent.decode(e.data))
    .filter((e) => e.ticketId === ticketId);
}

export function tokenOf(surveyUrl: string): string {
  return surveyUrl.slice(surveyUrl.indexOf('/surveys/') + '/surveys/'.length);
}

/** Resolves an existing ticket as agent1 and returns the survey its resolution sent. */
export async function resolve(h: TicketHarness, ticket: TicketFields): Promise<SentSurvey> {
  const resolved = await h.graphql(changeStatus, { id: ticket.id, status: 'RESOLVED', resolution }, 'agent1');
  if (resolved.errors) throw new Error(`not resolved: ${JSON.stringify(resolved.errors)}`);
  const sent = (await surveysSentFor(h, ticket.id)).at(-1);
  if (!sent) throw new Error('no SurveySent event');
  return { ticket, sent, token: tokenOf(sent.surveyUrl) };
}

/** A new ticket of `accountId`, taken by agent1 and resolved. */
export async function resolvedTicket(
  h: TicketHarness,
  accountId: string,
  input: Record<string, unknown> = {},
): Promise<SentSurvey> {
  const ticket = await h.createTicket({ accountId, requesterEmail: 'li.lei@example.cn', ...input });
  const agent1 = await h.userId('agent1');
  const taken = await h.graphql(assign, { id: ticket.id, agentId: agent1 }, 'agent1');
  if (taken.errors) throw new Error(`not assigned: ${JSON.stringify(taken.errors)}`);
  return resolve(h, ticket);
}

/** The public survey page, as a customer's browser asks for it (no token of ours: the link is the credential). */
export function surveyPage(h: TicketHarness) {
  const url = (token: string, query = '') => `http://127.0.0.1:${h.app.httpPort}/surveys/${token}${query}`;
  return {
    get: (token: string, options: { query?: string; acceptLanguage?: string } = {}) =>
      fetch(url(token, options.query), {
        headers: options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {},
      }),
    post: (token: string, form: Record<string, string> | string, options: { query?: string } = {}) =>
      fetch(url(token, options.query), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: typeof form === 'string' ? form : new URLSearchParams(form).toString(),
      }),
  };
}
