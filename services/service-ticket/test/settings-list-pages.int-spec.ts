import { describeWithKeycloak } from '@crm/testing';
import { defineServiceRule } from './assignment-fixtures';
import { aroundTheClock, defineCalendar, definePolicy, ok, setDefault, uniformPolicy } from './sla-test-support';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

type ListField = 'businessCalendars' | 'slaPolicies' | 'ticketAssignmentRules';

const pageOf = (field: ListField, nodeFields: string) => `query($first: Int, $after: String) {
  ${field}(first: $first, after: $after) {
    edges { node { ${nodeFields} } cursor } pageInfo { endCursor hasNextPage } totalCount } }`;

/** Every page of a list, `first` at a time, following `after`; each page must report the same total. */
async function walk<T>(
  h: TicketHarness,
  field: ListField,
  nodeFields: string,
  first: number,
  as = 'admin1',
): Promise<{ nodes: T[]; pages: number; totalCount: number }> {
  const nodes: T[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data: Record<ListField, Connection<T>> = await ok(h, pageOf(field, nodeFields), { first, after }, as);
    const page = data[field];
    pages += 1;
    totals.add(page.totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    after = page.pageInfo.endCursor;
  }
  expect(totals.size).toBe(1);
  return { nodes, pages, totalCount: [...totals][0] };
}

const byLowerName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
const numbered = (prefix: string, count: number) =>
  // Alternating case: the list's order ignores it.
  Array.from({ length: count }, (_, i) => `${i % 2 ? prefix.toLowerCase() : prefix} ${String(i + 1).padStart(2, '0')}`);

describeWithKeycloak('The SLA and assignment settings lists are paged by cursor', () => {
  let h: TicketHarness;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_settings_pages');
  }, 120_000);
  afterAll(() => h?.stop());

  it('page the SLA policies, the default first and then by name, each once, with their total', async () => {
    const calendar = await ok<{ defineBusinessCalendar: { id: string } }>(h, defineCalendar, {
      input: { ...aroundTheClock, name: 'Policies calendar' },
    });
    const calendarId = calendar.defineBusinessCalendar.id;
    const targets = { firstResponse: 60, nextResponse: 60, resolution: 480 };
    const defined: { id: string; name: string; version: number }[] = [];
    for (const name of numbered('Policy', 12)) {
      const data = await ok<{ defineSlaPolicy: { id: string; name: string; version: number } }>(h, definePolicy, {
        input: uniformPolicy(name, calendarId, targets),
      });
      defined.push(data.defineSlaPolicy);
    }
    const chosen = defined[6];
    await ok(h, setDefault, { id: chosen.id, v: chosen.version });

    const { nodes, pages, totalCount } = await walk<{ id: string; name: string; isDefault: boolean }>(
      h,
      'slaPolicies',
      'id name isDefault',
      5,
    );
    const seeded = nodes.filter((p) => !defined.some((d) => d.id === p.id)).map((p) => p.name);
    const others = [...defined.filter((d) => d.id !== chosen.id).map((d) => d.name), ...seeded].sort(byLowerName);
    expect(nodes.map((p) => p.name)).toEqual([chosen.name, ...others]);
    expect(nodes[0].isDefault).toBe(true);
    expect(new Set(nodes.map((p) => p.id)).size).toBe(nodes.length);
    expect(totalCount).toBe(nodes.length);
    expect(totalCount).toBe(13);
    expect(pages).toBe(3);
  });

  it('page the business calendars by name, each once, with their total; service staff read them too', async () => {
    const names = numbered('Calendar', 23);
    for (const name of names) await ok(h, defineCalendar, { input: { ...aroundTheClock, name } });
    const { nodes, totalCount } = await walk<{ id: string; name: string }>(h, 'businessCalendars', 'id name', 7);
    const all: { name: string }[] = await h.app.services.dataSource.query('SELECT name FROM business_calendars');
    expect(nodes.map((c) => c.name)).toEqual(all.map((c) => c.name).sort(byLowerName));
    expect(nodes.map((c) => c.name)).toEqual(expect.arrayContaining(names));
    expect(new Set(nodes.map((c) => c.id)).size).toBe(nodes.length);
    expect(totalCount).toBe(all.length);
    const byAgent = await walk<{ id: string }>(h, 'businessCalendars', 'id', 200, 'agent1');
    expect(byAgent.nodes.map((c) => c.id)).toEqual(nodes.map((c) => c.id));
  });

  it('page the assignment rules in the order they are tried (position, then id), each once', async () => {
    const agentId = await h.userId('agent1');
    const ids = new Map<string, number>();
    for (let i = 0; i < 11; i++) {
      // Positions repeat, so the id decides between rules of one position.
      const position = 10 - (i % 4);
      ids.set(await defineServiceRule(h, { name: `Rule ${i}`, position, members: [{ agentId }] }), position);
    }
    const expected = [...ids].sort(([a, pa], [b, pb]) => pa - pb || (a < b ? -1 : 1)).map(([id]) => id);
    const { nodes, pages, totalCount } = await walk<{ id: string; position: number }>(
      h,
      'ticketAssignmentRules',
      'id position',
      4,
    );
    expect(nodes.map((r) => r.id)).toEqual(expected);
    expect(totalCount).toBe(11);
    expect(pages).toBe(3);
    const byManager = await walk<{ id: string }>(h, 'ticketAssignmentRules', 'id', 3, 'service.manager');
    expect(byManager.nodes.map((r) => r.id)).toEqual(expected);
  });

  it('refuse a bad `after` or `first` as BAD_USER_INPUT naming the argument', async () => {
    const calendars = await ok<{ businessCalendars: Connection<unknown> }>(h, pageOf('businessCalendars', 'id'), {
      first: 1,
    });
    const calendarCursor = calendars.businessCalendars.pageInfo.endCursor;
    const refusals: [ListField, Record<string, unknown>, string][] = [
      ['slaPolicies', { after: 'not-a-cursor' }, 'after'],
      ['businessCalendars', { after: 'not-a-cursor' }, 'after'],
      ['ticketAssignmentRules', { after: 'not-a-cursor' }, 'after'],
      // A cursor of another list: the calendar's name where the rules keep a position.
      ['ticketAssignmentRules', { after: calendarCursor }, 'after'],
      ['slaPolicies', { after: calendarCursor }, 'after'],
      ['businessCalendars', { first: 201 }, 'first'],
    ];
    for (const [field, variables, argument] of refusals) {
      const refused = await h.graphql(pageOf(field, 'id'), variables, 'admin1');
      expect({ field, error: refused.errors?.[0]?.extensions }).toMatchObject({
        field,
        error: { code: 'BAD_USER_INPUT', field: argument },
      });
    }
  });
});
