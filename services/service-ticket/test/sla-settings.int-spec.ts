import { describeWithKeycloak } from '@crm/testing';
import {
  aroundTheClock,
  defaultPolicyAroundTheClock,
  defineCalendar,
  definePolicy,
  minutesBetween,
  ok,
  setDefault,
  slaOf,
  uniformPolicy,
  updateCalendar,
} from './sla-test-support';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const updatePolicy = `mutation($id: ID!, $v: Int!, $input: SlaPolicyInput!) {
  updateSlaPolicy(id: $id, expectedVersion: $v, input: $input) { id version } }`;
const readSettings = `{ businessCalendars { edges { node { id name timeZone } } }
  slaPolicies { edges { node { id name isDefault calendar { name }
    targets { urgent { A { firstResponse } } } complaintOverride { urgent { firstResponse } } } } } }`;

describeWithKeycloak('SLA settings', () => {
  let h: TicketHarness;
  let accountId: string;
  const countOf = async (table: string) =>
    Number((await h.app.services.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    h = await startTicketHarness('ticket_sla_settings');
    accountId = await h.createAccount('Wuxi Bearings Co.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('start with the seeded Shanghai calendar and a default policy, read by service staff', async () => {
    for (const reader of ['agent1', 'service.manager', 'admin1']) {
      const data = await ok<{
        businessCalendars: { edges: { node: { timeZone: string } }[] };
        slaPolicies: {
          edges: {
            node: { isDefault: boolean; calendar: { name: string }; complaintOverride: unknown; targets: unknown };
          }[];
        };
      }>(h, readSettings, {}, reader);
      const policies = data.slaPolicies.edges.map((e) => e.node);
      expect(data.businessCalendars.edges.map((e) => e.node.timeZone)).toContain('Asia/Shanghai');
      expect(policies.filter((p) => p.isDefault)).toHaveLength(1);
      expect(policies[0]).toMatchObject({
        isDefault: true,
        targets: { urgent: { A: { firstResponse: 30 } } },
        complaintOverride: { urgent: { firstResponse: 15 } },
      });
    }
  });

  it('are edited by crm-admin only: others are refused with FORBIDDEN and nothing changes', async () => {
    const calendars = await countOf('business_calendars');
    for (const caller of ['agent1', 'service.manager', 'rep.east1', 'auditor1']) {
      const refused = await h.graphql(defineCalendar, { input: { ...aroundTheClock, name: `By ${caller}` } }, caller);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const policies = await ok<{ slaPolicies: { edges: { node: { id: string; version: number } }[] } }>(
      h,
      `{ slaPolicies { edges { node { id version } } } }`,
      {},
    );
    const seeded = policies.slaPolicies.edges[0].node;
    const moved = await h.graphql(setDefault, { id: seeded.id, v: seeded.version }, 'service.manager');
    expect(moved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await h.graphql(readSettings, {}, 'rep.east1');
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countOf('business_calendars')).toBe(calendars);
  });

  it('refuse a bad calendar with BAD_USER_INPUT naming each field and rule, changing nothing', async () => {
    const before = await countOf('business_calendars');
    const bad = await h.graphql(
      defineCalendar,
      {
        input: {
          name: 'Broken',
          timeZone: 'Mars/Olympus_Mons',
          weeklyHours: { monday: [{ start: '25:00', end: '18:00' }], tuesday: [{ start: '10:00', end: '09:00' }] },
          holidays: ['2026-02-30'],
          makeUpDays: [{ date: '2026-10-10', hours: [] }],
        },
      },
      'admin1',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const violations = (bad.errors?.[0]?.extensions?.violations as { field: string; rule: string }[]).map(
      (v) => `${v.field} ${v.rule}`,
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        'input.timeZone ianaTimeZone',
        'input.weeklyHours.monday[0].start wallTime',
        'input.weeklyHours.tuesday[0].end afterStart',
        'input.holidays[0] date',
        'input.makeUpDays[0].hours required',
      ]),
    );
    expect(await countOf('business_calendars')).toBe(before);
  });

  it('refuse a policy whose complaint targets are looser than a grade, naming the target', async () => {
    const [calendar] = await h.app.services.dataSource.query(`SELECT id FROM business_calendars LIMIT 1`);
    const loose = uniformPolicy(
      'Loose complaints',
      calendar.id,
      { firstResponse: 60, nextResponse: 60, resolution: 480 },
      { firstResponse: 90, nextResponse: 60, resolution: 480 },
    );
    const refused = await h.graphql(definePolicy, { input: loose }, 'admin1');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('input.complaintOverride.urgent.firstResponse');
    const unknown = await h.graphql(
      definePolicy,
      {
        input: uniformPolicy('No calendar', '00000000-0000-4000-8000-000000000001', {
          firstResponse: 1,
          nextResponse: 1,
          resolution: 1,
        }),
      },
      'admin1',
    );
    expect(unknown.errors?.[0]?.extensions?.field).toBe('input.calendarId');
  });

  it('change on the version read only (CONFLICT otherwise), audited with the changes', async () => {
    const created = await ok<{ defineBusinessCalendar: { id: string; version: number } }>(h, defineCalendar, {
      input: { ...aroundTheClock, name: 'Versioned' },
    });
    const { id, version } = created.defineBusinessCalendar;
    const [defined] = await h.app.services.dataSource.query(
      `SELECT changes FROM audit_log WHERE action = 'business_calendar.defined' AND entity_id = $1`,
      [id],
    );
    expect(defined.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: 'Versioned' },
        { field: 'timeZone', before: null, after: 'Asia/Shanghai' },
      ]),
    );
    const input = { ...aroundTheClock, name: 'Versioned', holidays: ['2027-01-01'] };
    const updated = await ok<{ updateBusinessCalendar: { version: number; holidays: string[] } }>(h, updateCalendar, {
      id,
      v: version,
      input,
    });
    expect(updated.updateBusinessCalendar).toMatchObject({ version: version + 1, holidays: ['2027-01-01'] });
    const stale = await h.graphql(updateCalendar, { id, v: version, input: { ...input, holidays: [] } }, 'admin1');
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [row] = await h.app.services.dataSource.query(
      `SELECT changes FROM audit_log WHERE action = 'business_calendar.updated' AND entity_id = $1`,
      [id],
    );
    expect(row.changes).toEqual([{ field: 'holidays', before: [], after: ['2027-01-01'] }]);
    const twice = await h.graphql(defineCalendar, { input: { ...aroundTheClock, name: 'versioned' } }, 'admin1');
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('recompute an open ticket when its calendar is edited (by the schedule), and keep its policy when the default moves', async () => {
    const { calendarId, policyId } = await defaultPolicyAroundTheClock(h, 'Edited', {
      firstResponse: 60,
      nextResponse: 60,
      resolution: 480,
    });
    const ticket = await h.createTicket({ accountId });
    const before = await slaOf(h, ticket.id);
    expect(before.policy.id).toBe(policyId);
    expect(before.resolution.state).toBe('RUNNING');
    // Closed for two hours from an hour from now: the resolution deadline (8 h away) moves out by two hours.
    const start = new Date(Date.now() + 3_600_000);
    const closure = { start: start.toISOString(), end: new Date(start.getTime() + 7_200_000).toISOString() };
    const [calendar] = await h.app.services.dataSource.query(`SELECT version FROM business_calendars WHERE id = $1`, [
      calendarId,
    ]);
    await ok(h, updateCalendar, {
      id: calendarId,
      v: calendar.version,
      input: { ...aroundTheClock, name: 'Edited hours', closures: [closure] },
    });
    expect((await slaOf(h, ticket.id)).recomputePending).toBe(true);
    await h.app.services.slaSchedule.run('test-recompute');
    const after = await slaOf(h, ticket.id);
    expect(after.recomputePending).toBe(false);
    expect(after.calendarVersion).toBe(before.calendarVersion + 1);
    expect(minutesBetween(before.resolution.deadline!, after.resolution.deadline!)).toBe(120);
    expect(after.firstResponse.deadline).toBe(before.firstResponse.deadline);

    const other = await defaultPolicyAroundTheClock(h, 'Newer', {
      firstResponse: 30,
      nextResponse: 30,
      resolution: 240,
    });
    expect((await slaOf(h, ticket.id)).policy.id).toBe(policyId);
    const newer = await h.createTicket({ accountId });
    expect((await slaOf(h, newer.id)).policy.id).toBe(other.policyId);
    const [{ defaults }] = await h.app.services.dataSource.query(
      `SELECT count(*)::int AS defaults FROM sla_policies WHERE is_default`,
    );
    expect(defaults).toBe(1);
  });

  it('recompute the open tickets of a policy whose targets are edited', async () => {
    const { calendarId, policyId } = await defaultPolicyAroundTheClock(h, 'Targets edited', {
      firstResponse: 60,
      nextResponse: 60,
      resolution: 480,
    });
    const ticket = await h.createTicket({ accountId });
    const before = await slaOf(h, ticket.id);
    const [policy] = await h.app.services.dataSource.query(`SELECT version FROM sla_policies WHERE id = $1`, [
      policyId,
    ]);
    await ok(h, updatePolicy, {
      id: policyId,
      v: policy.version,
      input: uniformPolicy(
        'Targets edited',
        calendarId,
        { firstResponse: 60, nextResponse: 60, resolution: 600 },
        { firstResponse: 60, nextResponse: 60, resolution: 480 },
      ),
    });
    await h.app.services.slaSchedule.run('test-recompute');
    const after = await slaOf(h, ticket.id);
    expect(after.resolution.targetBusinessMinutes).toBe(600);
    expect(minutesBetween(before.resolution.deadline!, after.resolution.deadline!)).toBe(120);
    const [audit] = await h.app.services.dataSource.query(
      `SELECT changes FROM audit_log WHERE action = 'sla_policy.updated' AND entity_id = $1`,
      [policyId],
    );
    expect(audit.changes.map((c: { field: string }) => c.field)).toEqual(['targets']);
  });
});
