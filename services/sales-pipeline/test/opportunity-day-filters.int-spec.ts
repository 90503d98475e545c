import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', idleDays: 7 },
  { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

const list = `query($filter: OpportunityFilter, $first: Int, $after: String) {
  opportunities(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { name owner { id } } } pageInfo { endCursor hasNextPage }
  }
}`;

interface ListResult {
  opportunities: {
    totalCount: number;
    edges: { node: { name: string; owner: { id: string } } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

describeWithKeycloak('the deal list filters of a rep’s day', () => {
  let h: SalesHarness;
  const ids = new Map<string, string>();

  /** Every name on every page (two per page), and the totalCount the first page reported. */
  async function allPages(
    filter: Record<string, unknown>,
    as = 'rep.east1',
  ): Promise<{ names: string[]; total: number }> {
    const names: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const res: { data?: ListResult; errors?: unknown[] } = await h.graphql<ListResult>(
        list,
        { filter, first: 2, after },
        as,
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.opportunities;
      if (total < 0) total = page.totalCount;
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) return { names: names.sort(), total };
      after = page.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    h = await startSalesHarness('sales_day_filters');
    const pipeline = await h.graphql(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
      { input: { name: 'Field sales', businessLine: 'Hardware', isDefault: true, stages } },
    );
    expect(pipeline.errors).toBeUndefined();
    const accountId = await h.createAccount('Hangzhou Lakeside Instruments Co., Ltd.');
    const deals: [string, string | null][] = [
      ['Idle spectrometer', '2026-12-01'],
      ['Idle 100% centrifuge', null],
      ['Fresh pump', '2026-12-01'],
      ['Fresh valve', '2026-12-02'],
      ['Old chiller', '2026-11-30'],
    ];
    for (const [name, expectedCloseDate] of deals) {
      const res = await h.graphql<{ createOpportunity: { id: string } }>(
        `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
        { input: { name, accountId, currency: 'CNY', amount: '1000', expectedCloseDate } },
        'rep.east1',
      );
      expect(res.errors).toBeUndefined();
      ids.set(name, res.data!.createOpportunity.id);
    }
    // Idle: in the stage for 10 days (its idleDays is 7), with no activity since.
    await h.app.dataSource.query(
      `UPDATE opportunities SET stage_entered_at = now() - interval '10 days' WHERE id = ANY($1::uuid[])`,
      [[ids.get('Idle spectrometer'), ids.get('Idle 100% centrifuge')]],
    );
    // Long in the stage, but an activity 2 days ago touched it: not idle.
    await h.app.dataSource.query(
      `UPDATE opportunities SET stage_entered_at = now() - interval '30 days', last_activity_at = now() - interval '2 days'
        WHERE id = $1`,
      [ids.get('Old chiller')],
    );
  }, 120_000);
  afterAll(() => h?.stop());

  it('show only the deals past their stage’s idle threshold, on every page and in totalCount', async () => {
    expect(await allPages({ idleOnly: true })).toEqual({
      names: ['Idle 100% centrifuge', 'Idle spectrometer'],
      total: 2,
    });
    expect((await allPages({ idleOnly: false })).total).toBe(5);
  });

  it('show today’s expected closes, or those of a date range', async () => {
    expect(await allPages({ expectedCloseFrom: '2026-12-01', expectedCloseTo: '2026-12-01' })).toEqual({
      names: ['Fresh pump', 'Idle spectrometer'],
      total: 2,
    });
    expect((await allPages({ expectedCloseFrom: '2026-12-01' })).names).toEqual([
      'Fresh pump',
      'Fresh valve',
      'Idle spectrometer',
    ]);
    expect((await allPages({ expectedCloseTo: '2026-11-30' })).names).toEqual(['Old chiller']);
  });

  it('search the name case-insensitively, taking % and _ literally', async () => {
    expect((await allPages({ search: ' FRESH ' })).names).toEqual(['Fresh pump', 'Fresh valve']);
    expect(await allPages({ search: '100%' })).toEqual({ names: ['Idle 100% centrifuge'], total: 1 });
    expect((await allPages({ search: '_' })).total).toBe(0);
  });

  it('filter by any of several owners and by team, and name each deal’s owner as a User', async () => {
    const owner = await h.userId('rep.east1');
    const byOwners = await allPages({ ownerIds: [owner, await h.userId('rep.east2')] }, 'manager.east');
    expect(byOwners.total).toBe(5);
    const nobody = await allPages({ ownerIds: [await h.userId('rep.east2')] }, 'manager.east');
    expect(nobody).toEqual({ names: [], total: 0 });
    const [teamId] = (
      await h.app.dataSource.query<{ team_id: string }[]>(`SELECT team_id FROM opportunities LIMIT 1`)
    ).map((r) => r.team_id);
    expect((await allPages({ teamId }, 'manager.east')).total).toBe(5);
    expect((await allPages({ teamId: 'south' }, 'manager.east')).total).toBe(0);
    const res = await h.graphql<ListResult>(list, { filter: { idleOnly: true }, first: 1 }, 'rep.east1');
    expect(res.data?.opportunities.edges[0]?.node.owner).toEqual({ id: owner });
  });

  it('combine filters, and refuse bad ones naming the field and the rule', async () => {
    expect(await allPages({ idleOnly: true, expectedCloseFrom: '2026-12-01', search: 'spectro' })).toEqual({
      names: ['Idle spectrometer'],
      total: 1,
    });
    for (const [filter, field, rule] of [
      [{ expectedCloseFrom: '2026-12-02', expectedCloseTo: '2026-12-01' }, 'filter.expectedCloseTo', 'date_range'],
      [{ search: '  ' }, 'filter.search', 'length'],
      [{ ownerIds: ['not-a-uuid'] }, 'filter.ownerIds[0]', 'uuid'],
      [{ teamId: '' }, 'filter.teamId', 'length'],
    ] as const) {
      const res = await h.graphql(list, { filter }, 'rep.east1');
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.violations).toEqual([expect.objectContaining({ field, rule })]);
    }
  });
});
