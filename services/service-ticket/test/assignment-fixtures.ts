import { ticketEventsV1 } from '@crm/contracts';
import type { Actor } from '@crm/platform/auth';
import type { TicketServices } from '../src/application/ticket-services';
import type { TicketRow } from '../src/db/ticket-rows';
import type { TicketPriority } from '../src/domain/sla-policy';
import type { TicketHarness } from './ticket-test-harness';

export const defineRule = `mutation($input: DefineTicketAssignmentRuleInput!) {
  defineTicketAssignmentRule(input: $input) { id name strategy teamId version members { agentId skills } } }`;
export const assign = `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) {
  id status agentId version } }`;
export const claim = `mutation($id: ID!) { claimTicket(id: $id) { id status agentId version } }`;

/** Defines a rule of the service queue as `as`, failing the test on an error; returns its id. */
export async function defineServiceRule(
  h: TicketHarness,
  input: Record<string, unknown>,
  as = 'admin1',
): Promise<string> {
  const res = await h.graphql<{ defineTicketAssignmentRule: { id: string } }>(
    defineRule,
    { input: { name: 'Service queue', position: 10, teamId: 'service', strategy: 'ROUND_ROBIN', ...input } },
    as,
  );
  if (!res.data?.defineTicketAssignmentRule) throw new Error(`rule not defined: ${JSON.stringify(res.errors)}`);
  return res.data.defineTicketAssignmentRule.id;
}

/** Removes every assignment rule (between tests that need their own). */
export async function deleteAllRules(h: TicketHarness): Promise<void> {
  // Each round deletes the first page, until none is left.
  for (;;) {
    const rules = await h.graphql<{ ticketAssignmentRules: { edges: { node: { id: string } }[] } }>(
      `{ ticketAssignmentRules(first: 200) { edges { node { id } } } }`,
    );
    const ids = rules.data?.ticketAssignmentRules.edges.map((e) => e.node.id) ?? [];
    if (!ids.length) return;
    for (const id of ids) await h.graphql(`mutation($id: ID!) { deleteTicketAssignmentRule(id: $id) }`, { id });
  }
}

/** The ticket.assigned events of a ticket, from its outbox, in order. */
export async function assignedEvents(services: TicketServices, ticketId: string) {
  const rows: { payload: Buffer }[] = await services.dataSource.query(
    `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND subject = 'crm.ticket.ticket.assigned' ORDER BY seq`,
    [ticketId],
  );
  return rows.map((r) => ticketEventsV1.TicketAssigned.decode(r.payload));
}

/** The audit actions recorded for an entity, in order. */
export async function auditActions(services: TicketServices, entityId: string): Promise<string[]> {
  const rows: { action: string }[] = await services.dataSource.query(
    `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
    [entityId],
  );
  return rows.map((r) => r.action);
}

/** Opens a ticket straight through the application (no HTTP), as a service agent of the service queue. */
export function openTicket(
  services: TicketServices,
  accountId: string,
  actor: Actor,
  fields: { priority?: TicketPriority; skills?: string[]; category?: string } = {},
): Promise<TicketRow> {
  return services.dataSource.transaction((tx) =>
    services.tickets.insert(
      tx,
      {
        subject: 'Printer jams',
        description: '',
        channel: 'phone',
        category: fields.category ?? 'hardware',
        priority: fields.priority ?? 'normal',
        complaint: false,
        skills: fields.skills ?? [],
        accountId,
        contactId: null,
        teamId: 'service',
        requesterEmail: null,
      },
      actor,
    ),
  );
}

/** Runs `work` over `items`, `parallel` at a time. */
export async function inParallel<T>(items: T[], parallel: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
