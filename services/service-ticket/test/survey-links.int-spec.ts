import { Writable } from 'node:stream';
import { ticketEventsV1 } from '@crm/contracts';
import { describeWithKeycloak } from '@crm/testing';
import { signSurveyToken, surveyTokenHash } from '../src/domain/survey-link';
import { changeStatus, resolve, resolvedTicket, surveyPage, tokenOf } from './survey-fixtures';
import { startTicketHarness, testSurveys, type TicketHarness } from './ticket-test-harness';

const ticketSurvey = `query($id: ID!) { ticket(id: $id) {
  id survey { id status rating comment sentAt answeredAt expiresAt } } }`;
const accountCsat = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Account { id lastCsat { rating comment status } } } }`;

/** The token with one character of its signature changed. */
function tampered(token: string): string {
  const at = token.length - 5;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

describeWithKeycloak('satisfaction survey links', () => {
  let h: TicketHarness;
  let accountId: string;
  const page = () => surveyPage(h);
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const issuedTokens: string[] = [];

  beforeAll(async () => {
    h = await startTicketHarness('ticket_survey_links', { logDestination });
    accountId = await h.createAccount('Hangzhou Tea Trading Co.');
  }, 120_000);
  afterAll(() => h?.stop());

  async function sent(input: Record<string, unknown> = {}) {
    const survey = await resolvedTicket(h, accountId, input);
    issuedTokens.push(survey.token);
    return survey;
  }

  it('are sent when a ticket is resolved: a SurveySent event with a signed link that opens the page', async () => {
    const { ticket, sent: event, token } = await sent({ subject: 'Printer jams on every page' });
    expect(event).toMatchObject({
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      ticketSubject: 'Printer jams on every page',
      accountId,
      recipientEmail: 'li.lei@example.cn',
      locale: 'en',
    });
    expect(event.surveyUrl).toBe(`${testSurveys.publicBaseUrl}/surveys/${token}`);
    const days = (event.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    // Only the token's hash is kept: a copy of the table answers no survey.
    const stored = await h.app.services.dataSource.query<{ token_hash: string }[]>(
      `SELECT token_hash FROM ticket_surveys WHERE id = $1`,
      [event.surveyId],
    );
    expect(stored).toEqual([{ token_hash: surveyTokenHash(token) }]);
    const res = await page().get(token);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(ticket.number);
    expect(html).toContain('Printer jams on every page');
    const shown = await h.graphql<{ ticket: { survey: { status: string; rating: number | null } } }>(
      ticketSurvey,
      { id: ticket.id },
      'agent1',
    );
    expect(shown.data?.ticket.survey).toMatchObject({ id: event.surveyId, status: 'SENT', rating: null });
  });

  it('show the page in Chinese or English, by browser or by choice, with strict headers and no script', async () => {
    const { ticket, token } = await sent({ subject: '打印机卡纸' });
    const zh = await page().get(token, { acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8' });
    const zhHtml = await zh.text();
    expect(zh.status).toBe(200);
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain(`您的工单 ${ticket.number} 已解决`);
    expect(zhHtml).toContain('<a href="?lang=en" hreflang="en">English</a>');
    const en = await page().get(token, { query: '?lang=en', acceptLanguage: 'zh-CN' });
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain(`Your ticket ${ticket.number} was resolved`);
    expect(enHtml).toContain('打印机卡纸');
    for (const res of [zh, en]) {
      expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(`${zhHtml}${enHtml}`).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  });

  it('store one answer: shown on the ticket and the account, emitted, audited as the survey; then "already answered"', async () => {
    const { ticket, sent: event, token } = await sent();
    const res = await page().post(token, { rating: '4', comment: '  Quick fix, <b>thanks</b>  ' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you');
    const shown = await h.graphql<{ ticket: { survey: Record<string, unknown> } }>(
      ticketSurvey,
      { id: ticket.id },
      'agent1',
    );
    expect(shown.data?.ticket.survey).toMatchObject({
      status: 'ANSWERED',
      rating: 4,
      comment: 'Quick fix, <b>thanks</b>',
    });
    expect(shown.data?.ticket.survey.answeredAt).toBeTruthy();
    const csat = await h.graphql<{ _entities: { lastCsat: { rating: number } | null }[] }>(
      accountCsat,
      { reps: [{ __typename: 'Account', id: accountId }] },
      'agent1',
    );
    expect(csat.data?._entities[0]?.lastCsat).toMatchObject({ rating: 4, status: 'ANSWERED' });
    const answered = (await h.streamEvents())
      .filter((e) => e.subject === 'crm.ticket.survey.answered')
      .map((e) => ticketEventsV1.SurveyAnswered.decode(e.data))
      .filter((e) => e.ticketId === ticket.id);
    expect(answered).toMatchObject([{ accountId, rating: 4, comment: 'Quick fix, <b>thanks</b>' }]);
    const audited = await h.app.services.dataSource.query<{ actor_id: string; details: { surveyId: string } }[]>(
      `SELECT actor_id, details FROM audit_log WHERE action = 'ticket.survey_answered' AND entity_id = $1`,
      [ticket.id],
    );
    expect(audited).toMatchObject([{ actor_id: `survey:${event.surveyId}`, details: { surveyId: event.surveyId } }]);

    const again = await page().post(token, { rating: '1' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Already answered');
    const opened = await page().get(token, { query: '?lang=zh' });
    expect(opened.status).toBe(409);
    expect(await opened.text()).toContain('此调查已经提交过评价');
    const rows = await h.app.services.dataSource.query<{ rating: number }[]>(
      `SELECT rating FROM ticket_surveys WHERE id = $1`,
      [event.surveyId],
    );
    expect(rows).toEqual([{ rating: 4 }]);
  });

  it('refuse a bad answer naming the field, in the page language, and change nothing', async () => {
    const { sent: event, token } = await sent();
    const out = await page().post(token, { rating: '7', comment: 'meh' });
    expect(out.status).toBe(400);
    const html = await out.text();
    expect(html).toContain('<li>Rating: must be a whole number from 1 to 5</li>');
    expect(html).toContain('>meh</textarea>');
    const missing = await page().post(token, { comment: '没有评分' }, { query: '?lang=zh' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('<li>评分: 请选择 1 到 5 之间的评分</li>');
    const long = await page().post(token, { rating: '3', comment: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('<li>Comment: at most 2000 characters</li>');
    const huge = await page().post(token, { rating: '3', comment: '好'.repeat(10_000) });
    expect(huge.status).toBe(413);
    const rows = await h.app.services.dataSource.query<{ consumed: boolean }[]>(
      `SELECT consumed FROM ticket_surveys WHERE id = $1`,
      [event.surveyId],
    );
    expect(rows).toEqual([{ consumed: false }]);
    expect((await page().post(token, { rating: '5' })).status).toBe(200);
  });

  it('refuse an expired link with 410, in the chosen language', async () => {
    const { sent: event } = await sent();
    // A link issued 15 days ago, expired yesterday: the token signed so, and the row as it would be.
    const expiresAt = new Date(Date.now() - 86_400_000);
    const old = signSurveyToken({ surveyId: event.surveyId, expiresAt }, testSurveys.linkSecret);
    issuedTokens.push(old);
    await h.app.services.dataSource.query(
      `UPDATE ticket_surveys SET token_hash = $2, sent_at = $3, expires_at = $4 WHERE id = $1`,
      [event.surveyId, surveyTokenHash(old), new Date(expiresAt.getTime() - 14 * 86_400_000), expiresAt],
    );
    const res = await page().get(old, { acceptLanguage: 'zh-CN' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('链接已过期');
    const post = await page().post(old, { rating: '5' }, { query: '?lang=en' });
    expect(post.status).toBe(410);
    expect(await post.text()).toContain('This survey link has expired');
  });

  it('retire the survey of an earlier resolution when the ticket is resolved again', async () => {
    const first = await sent();
    await h.graphql(`mutation($id: ID!) { reopenTicket(id: $id, reason: "customer called back") { id } }`, {
      id: first.ticket.id,
    });
    await h.graphql(changeStatus, { id: first.ticket.id, status: 'IN_PROGRESS' }, 'agent1');
    const second = await resolve(h, first.ticket);
    issuedTokens.push(second.token);
    expect(second.sent.surveyId).not.toBe(first.sent.surveyId);
    expect((await page().get(first.token)).status).toBe(410);
    expect((await page().get(second.token)).status).toBe(200);
  });

  it('refuse a tampered or unknown link with a clear page, changing nothing', async () => {
    const { sent: event, token } = await sent();
    const changed = await page().get(tampered(token));
    expect([400, 404]).toContain(changed.status);
    expect(await changed.text()).toContain('This survey link is not valid');
    const posted = await page().post(tampered(token), { rating: '1' }, { query: '?lang=zh' });
    expect(posted.status).toBe(404);
    expect(await posted.text()).toContain('此调查链接无效');
    const otherSecret = signSurveyToken(
      { surveyId: event.surveyId, expiresAt: new Date(Date.now() + 86_400_000) },
      'someone-else-s-secret-of-32-characters-or-more',
    );
    expect((await page().get(otherSecret)).status).toBe(404);
    const unknown = signSurveyToken(
      { surveyId: '7d0c3d6e-2b8f-4f57-9a39-1f0c7b6d2e11', expiresAt: new Date(Date.now() + 86_400_000) },
      testSurveys.linkSecret,
    );
    expect((await page().get(unknown)).status).toBe(404);
    expect((await page().get('not-a-token')).status).toBe(400);
    expect((await page().get(token)).status).toBe(200);
    expect(tokenOf(event.surveyUrl)).toBe(token);
  });

  it('never write a link into the service log', async () => {
    // The page's failures are logged: one happens here (the database refuses), then every link issued is looked for.
    const { token } = await sent();
    await h.app.services.dataSource.query(`ALTER TABLE ticket_surveys RENAME TO ticket_surveys_away`);
    try {
      expect((await page().get(token)).status).toBe(500);
    } finally {
      await h.app.services.dataSource.query(`ALTER TABLE ticket_surveys_away RENAME TO ticket_surveys`);
    }
    const written = logs.join('');
    expect(written).toContain('survey page failed');
    expect(issuedTokens.length).toBeGreaterThan(5);
    for (const issued of issuedTokens) expect(written).not.toContain(issued);
  });
});
