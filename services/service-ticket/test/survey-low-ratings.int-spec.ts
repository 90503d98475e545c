import { ticketEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import { resolvedTicket, surveyPage } from './survey-fixtures';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const ticketState = `query($id: ID!) { ticket(id: $id) {
  status agentId history(first: 1) { edges { node { fromStatus toStatus reason } } } survey { status rating } } }`;

interface TicketState {
  status: string;
  agentId: string | null;
  history: { edges: { node: { fromStatus: string; toStatus: string; reason: string | null } }[] };
  survey: { status: string; rating: number };
}

async function stateOf(h: TicketHarness, id: string): Promise<TicketState> {
  const res = await h.graphql<{ ticket: TicketState }>(ticketState, { id }, 'agent1');
  if (!res.data?.ticket) throw new Error(JSON.stringify(res.errors));
  return res.data.ticket;
}

async function escalations(h: TicketHarness, ticketId: string): Promise<ticketEventsV1.SurveyEscalated[]> {
  return (await h.streamEvents())
    .filter((e) => e.subject === 'crm.ticket.survey.escalated')
    .map((e) => ticketEventsV1.SurveyEscalated.decode(e.data))
    .filter((e) => e.ticketId === ticketId);
}

describeWithKeycloak('low satisfaction ratings (SURVEY_LOW_RATING_ACTION=reopen)', () => {
  let h: TicketHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_survey_reopen');
    accountId = await h.createAccount('Ningbo Ceramics Ltd.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('reopen the ticket to its agent within the reopen window, saying why', async () => {
    const { ticket, token } = await resolvedTicket(h, accountId);
    expect((await surveyPage(h).post(token, { rating: '2', comment: 'Still jams' })).status).toBe(200);
    const state = await stateOf(h, ticket.id);
    expect(state).toMatchObject({ status: 'ASSIGNED', agentId: await h.userId('agent1') });
    expect(state.history.edges[0]?.node).toEqual({
      fromStatus: 'RESOLVED',
      toStatus: 'ASSIGNED',
      reason: 'low satisfaction rating',
    });
    expect(state.survey).toEqual({ status: 'ANSWERED', rating: 2 });
    const subjects = (await h.streamEvents()).filter((e) => e.aggregateId === ticket.id).map((e) => e.subject);
    expect(subjects.slice(-2)).toEqual(['crm.ticket.survey.answered', 'crm.ticket.ticket.reopened']);
    expect(await escalations(h, ticket.id)).toEqual([]);
  });

  it('leave a good rating alone', async () => {
    const { ticket, token } = await resolvedTicket(h, accountId);
    expect((await surveyPage(h).post(token, { rating: '3' })).status).toBe(200);
    expect((await stateOf(h, ticket.id)).status).toBe('RESOLVED');
    expect(await escalations(h, ticket.id)).toEqual([]);
  });

  it('escalate instead once the reopen window has closed', async () => {
    const { ticket, sent, token } = await resolvedTicket(h, accountId);
    // Resolved 15 days ago: past the 14-day window, while the survey link (14 days from sending) still works.
    await h.app.services.dataSource.query(`UPDATE tickets SET resolved_at = now() - interval '15 days' WHERE id = $1`, [
      ticket.id,
    ]);
    expect((await surveyPage(h).post(token, { rating: '1', comment: 'Never fixed' })).status).toBe(200);
    expect((await stateOf(h, ticket.id)).status).toBe('RESOLVED');
    expect(await escalations(h, ticket.id)).toMatchObject([
      {
        surveyId: sent.surveyId,
        accountId,
        teamId: 'service',
        agentId: await h.userId('agent1'),
        rating: 1,
        comment: 'Never fixed',
        reason: 'reopen_window_closed',
      },
    ]);
  });
});

describeWithKeycloak('low satisfaction ratings (SURVEY_LOW_RATING_ACTION=escalate)', () => {
  let h: TicketHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_survey_escalate', {
      surveys: { lowRating: { threshold: 3, action: 'escalate' } },
    });
    accountId = await h.createAccount('Xiamen Shipping Co.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('escalate to the team manager and leave the ticket resolved, at the configured threshold', async () => {
    const { ticket, token } = await resolvedTicket(h, accountId);
    expect((await surveyPage(h).post(token, { rating: '3' })).status).toBe(200);
    expect((await stateOf(h, ticket.id)).status).toBe('RESOLVED');
    expect(await escalations(h, ticket.id)).toMatchObject([
      { rating: 3, reason: 'escalate_policy', teamId: 'service' },
    ]);
    const rows = await h.app.services.dataSource.query<{ follow_up: string }[]>(
      `SELECT follow_up FROM ticket_surveys WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(rows).toEqual([{ follow_up: 'escalated' }]);
  });
});
