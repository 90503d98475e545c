import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualify', kind: 'OPEN', probability: '20', forecastCategory: 'PIPELINE' },
  { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

// The configuration lists (pipelines, lead assignment rules, web forms) are cursor connections like every other list.
describeWithKeycloak('configuration lists paged by cursor', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_configuration_pages');
  }, 120_000);
  afterAll(() => h?.stop());

  /** Walks a root connection `pageSize` at a time; every page's totalCount is kept. */
  async function walk<T>(field: string, selection: string, pageSize: number, as = 'admin1') {
    const nodes: T[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { data?: Record<string, Connection<T>> | null; errors?: unknown } = await h.graphql<
        Record<string, Connection<T>>
      >(
        `query($first: Int, $after: String) {
          ${field}(first: $first, after: $after) {
            edges { node { ${selection} } cursor } pageInfo { endCursor hasNextPage } totalCount
          }
        }`,
        { first: pageSize, after },
        as,
      );
      expect(res.errors).toBeUndefined();
      const connection: Connection<T> = res.data![field]!;
      expect(connection.edges.length).toBeLessThanOrEqual(pageSize);
      nodes.push(...connection.edges.map((e) => e.node));
      totals.push(connection.totalCount);
      if (!connection.pageInfo.hasNextPage) return { nodes, totals, pages: page + 1 };
      expect(connection.pageInfo.endCursor).toBe(connection.edges[connection.edges.length - 1]!.cursor);
      after = connection.pageInfo.endCursor;
    }
    throw new Error(`${field} did not end`);
  }

  /** A bad `after` is bad input naming `after`, whatever the list. */
  async function refusesBadAfter(field: string, as = 'admin1'): Promise<void> {
    const forged = Buffer.from(JSON.stringify([1, 2, 3]), 'utf8').toString('base64url');
    for (const after of ['not-a-cursor', forged]) {
      const res = await h.graphql(`query($after: String) { ${field}(after: $after) { totalCount } }`, { after }, as);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain('after');
    }
  }

  it('pipelines: every live pipeline once, the default first then by name, over pages; totalCount right', async () => {
    const names = ['beta', 'Alpha', 'delta', 'Gamma', 'epsilon', 'Charlie', 'zeta'];
    for (const name of names) {
      const res = await h.graphql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
        input: { name, businessLine: name, stages, isDefault: name === 'zeta' },
      });
      expect(res.errors).toBeUndefined();
    }
    const archived = await h.graphql<{ createPipeline: { id: string; version: number } }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id version } }`,
      { input: { name: 'Archived', businessLine: 'old', stages } },
    );
    const archive = await h.graphql(`mutation($id: ID!) { archivePipeline(id: $id) { id } }`, {
      id: archived.data!.createPipeline.id,
    });
    expect(archive.errors).toBeUndefined();

    const all = await walk<{ id: string; name: string; isDefault: boolean }>('pipelines', 'id name isDefault', 200);
    expect(all.pages).toBe(1);
    const expected = [...all.nodes].sort(
      (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.toLowerCase().localeCompare(b.name.toLowerCase()),
    );
    expect(all.nodes).toEqual(expected);
    expect(all.nodes[0]!.name).toBe('zeta');
    expect(all.nodes.map((p) => p.name)).toEqual(expect.arrayContaining(names));
    expect(all.nodes.map((p) => p.name)).not.toContain('Archived');

    // A rep (not only crm-admin) pages the same list.
    const paged = await walk<{ id: string; name: string; isDefault: boolean }>(
      'pipelines',
      'id name isDefault',
      3,
      'rep.east1',
    );
    expect(paged.pages).toBe(Math.ceil(all.nodes.length / 3));
    expect(paged.nodes).toEqual(all.nodes);
    expect(new Set(paged.nodes.map((p) => p.id)).size).toBe(paged.nodes.length);
    expect(new Set(paged.totals)).toEqual(new Set([all.nodes.length]));

    const unpaged = await h.graphql<{ pipelines: Connection<unknown> }>(`{ pipelines { edges { cursor } } }`);
    expect(unpaged.data!.pipelines.edges.length).toBe(all.nodes.length);
    await refusesBadAfter('pipelines', 'rep.east1');
  });
  it('leadAssignmentRules: every rule once in the order tried (priority, then id), over pages; crm-admin only', async () => {
    const member = await h.userId('rep.east1');
    // Ties on priority are broken by id, so one priority holds several rules.
    const defined = [
      ['south', 30],
      ['east-b', 10],
      ['east-a', 10],
      ['north', 20],
      ['west', 5],
      ['east-c', 10],
      ['central', 40],
    ] as const;
    for (const [id, priority] of defined) {
      const res = await h.graphql(
        `mutation($input: DefineLeadAssignmentRuleInput!) { defineLeadAssignmentRule(input: $input) { id } }`,
        { input: { id, priority, strategy: 'ROUND_ROBIN', teamId: 'sales-east', members: [member] } },
      );
      expect(res.errors).toBeUndefined();
    }
    const paged = await walk<{ id: string; priority: number }>('leadAssignmentRules', 'id priority', 2);
    expect(paged.nodes.map((r) => r.id)).toEqual(['west', 'east-a', 'east-b', 'east-c', 'north', 'south', 'central']);
    expect(paged.pages).toBe(4);
    expect(new Set(paged.totals)).toEqual(new Set([defined.length]));
    await refusesBadAfter('leadAssignmentRules');
    const byRep = await h.graphql(`{ leadAssignmentRules(first: 1) { totalCount } }`, {}, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('webForms: every form once, newest first, over pages; crm-admin only', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Form ${i + 1}`);
    for (const name of names) {
      const res = await h.graphql(`mutation($input: CreateWebFormInput!) { createWebForm(input: $input) { id } }`, {
        input: { name, teamId: 'sales-east', rateLimitPerMinute: 10, allowedFields: ['companyName', 'email'] },
      });
      expect(res.errors).toBeUndefined();
    }
    // Two forms created in the same millisecond (microseconds apart): a cursor rounded to milliseconds would skip one.
    await h.app.dataSource.query(
      `UPDATE web_forms SET created_at = date_trunc('milliseconds', now()) + interval '1 hour' + (interval '1 microsecond' * (
         CASE name WHEN 'Form 2' THEN 100 WHEN 'Form 5' THEN 200 ELSE 0 END))
        WHERE name IN ('Form 2', 'Form 5')`,
    );
    const paged = await walk<{ name: string }>('webForms', 'name', 3);
    expect(paged.nodes.map((f) => f.name)).toEqual([
      'Form 5',
      'Form 2',
      'Form 7',
      'Form 6',
      'Form 4',
      'Form 3',
      'Form 1',
    ]);
    expect(paged.pages).toBe(3);
    expect(new Set(paged.totals)).toEqual(new Set([names.length]));
    const onePerPage = await walk<{ name: string }>('webForms', 'name', 1);
    expect(onePerPage.nodes).toEqual(paged.nodes);
    await refusesBadAfter('webForms');
    const byRep = await h.graphql(`{ webForms(first: 1) { totalCount } }`, {}, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
