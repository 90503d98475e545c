// For the SLA specs: a calendar open around the clock (so a test's clock does not depend on the hour it runs at), a
// policy with one set of targets everywhere, and the GraphQL the specs send.
import type { TicketHarness } from './ticket-test-harness';

const allDay = [{ start: '00:00', end: '24:00' }];

export const aroundTheClock = {
  name: 'Around the clock',
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    monday: allDay,
    tuesday: allDay,
    wednesday: allDay,
    thursday: allDay,
    friday: allDay,
    saturday: allDay,
    sunday: allDay,
  },
};

/** Every priority and grade gets `targets`; complaints get `complaint` (business minutes). */
export function uniformPolicy(
  name: string,
  calendarId: string,
  targets: { firstResponse: number; nextResponse: number; resolution: number },
  complaint = targets,
): Record<string, unknown> {
  const grades = { A: targets, B: targets, C: targets, none: targets };
  return {
    name,
    calendarId,
    targets: { urgent: grades, high: grades, normal: grades, low: grades },
    complaintOverride: { urgent: complaint, high: complaint, normal: complaint, low: complaint },
  };
}

export const calendarFields =
  'id name timeZone version holidays closures { start end } weeklyHours { monday { start end } }';
export const policyFields = 'id name isDefault version calendar { id name } targets { high { A { resolution } } }';
export const slaFields = `sla { grade complaint policyVersion calendarVersion computedAt recomputePending nextDeadline
  policy { id name }
  firstResponse { target state deadline warningAt elapsedBusinessMinutes targetBusinessMinutes paused breached }
  nextResponse { state deadline }
  resolution { target state deadline warningAt elapsedBusinessMinutes targetBusinessMinutes paused breached } }`;

export const defineCalendar = `mutation($input: BusinessCalendarInput!) {
  defineBusinessCalendar(input: $input) { ${calendarFields} } }`;
export const updateCalendar = `mutation($id: ID!, $v: Int!, $input: BusinessCalendarInput!) {
  updateBusinessCalendar(id: $id, expectedVersion: $v, input: $input) { ${calendarFields} } }`;
export const definePolicy = `mutation($input: SlaPolicyInput!) { defineSlaPolicy(input: $input) { ${policyFields} } }`;
export const setDefault = `mutation($id: ID!, $v: Int!) { setDefaultSlaPolicy(id: $id, expectedVersion: $v) { ${policyFields} } }`;
export const ticketSla = `query($id: ID!) { ticket(id: $id) { id status ${slaFields} } }`;

export interface TargetClock {
  target: string;
  state: string;
  deadline: string | null;
  warningAt: string | null;
  elapsedBusinessMinutes: number;
  targetBusinessMinutes: number;
  paused: boolean;
  breached: boolean;
}

export interface TicketSlaFields {
  grade: string;
  complaint: boolean;
  policyVersion: number;
  calendarVersion: number;
  computedAt: string;
  recomputePending: boolean;
  nextDeadline: string | null;
  policy: { id: string; name: string };
  firstResponse: TargetClock;
  nextResponse: { state: string; deadline: string | null };
  resolution: TargetClock;
}

/** Sends GraphQL as `as` and fails the test on an error. */
export async function ok<T>(h: TicketHarness, query: string, variables: Record<string, unknown>, as = 'admin1') {
  const result = await h.graphql<T>(query, variables, as);
  if (!result.data || result.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Defines a calendar and a policy in it as crm-admin, makes the policy the default, and returns both ids. */
export async function defaultPolicyAroundTheClock(
  h: TicketHarness,
  name: string,
  targets: { firstResponse: number; nextResponse: number; resolution: number },
  complaint = targets,
): Promise<{ calendarId: string; policyId: string }> {
  const calendar = await ok<{ defineBusinessCalendar: { id: string } }>(h, defineCalendar, {
    input: { ...aroundTheClock, name: `${name} hours` },
  });
  const calendarId = calendar.defineBusinessCalendar.id;
  const policy = await ok<{ defineSlaPolicy: { id: string; version: number } }>(h, definePolicy, {
    input: uniformPolicy(name, calendarId, targets, complaint),
  });
  await ok(h, setDefault, { id: policy.defineSlaPolicy.id, v: policy.defineSlaPolicy.version });
  return { calendarId, policyId: policy.defineSlaPolicy.id };
}

export async function slaOf(h: TicketHarness, ticketId: string, as = 'agent1'): Promise<TicketSlaFields> {
  const data = await ok<{ ticket: { sla: TicketSlaFields } }>(h, ticketSla, { id: ticketId }, as);
  return data.ticket.sla;
}

/** Moves a ticket's past: its creation and every status change `minutes` earlier (what waiting for real would do). */
export async function shiftTicketBack(h: TicketHarness, ticketId: string, minutes: number): Promise<void> {
  const ds = h.app.services.dataSource;
  const shift = `interval '${minutes} minutes'`;
  await ds.query(`UPDATE ticket_status_history SET at = at - ${shift} WHERE ticket_id = $1`, [ticketId]);
  await ds.query(
    `UPDATE tickets SET created_at = created_at - ${shift},
       first_response_at = first_response_at - ${shift},
       last_customer_message_at = last_customer_message_at - ${shift},
       last_agent_reply_at = last_agent_reply_at - ${shift} WHERE id = $1`,
    [ticketId],
  );
}

export const minutesBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 60_000;
