import { randomUUID } from 'node:crypto';
import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const open = (name: string, probability = '20') => ({ name, kind: 'OPEN', probability, forecastCategory: 'PIPELINE' });
const closed = [
  { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];
const pipelineFields = 'id version archivedAt stages { id name kind removedAt }';

interface Pipeline {
  id: string;
  version: number;
  stages: { id: string; name: string; kind: string }[];
}

describeWithKeycloak('pipelines edited live', () => {
  let h: SalesHarness;
  let accountId: string;

  const createPipeline = async (name: string, stages: object[]): Promise<Pipeline> => {
    const res = await h.graphql<{ createPipeline: Pipeline }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { ${pipelineFields} } }`,
      { input: { name, businessLine: name, stages } },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createPipeline;
  };
  const newDeal = async (pipelineId: string, stageId: string, amount = '0', currency = 'CNY', as = 'rep.east1') => {
    const res = await h.graphql<{ createOpportunity: { id: string } }>(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { name: `Deal ${randomUUID().slice(0, 8)}`, accountId, pipelineId, stageId, amount, currency } },
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createOpportunity.id;
  };
  const dealStage = async (id: string) =>
    (
      await h.graphql<{
        opportunity: { stage: { name: string }; stageHistory: { edges: { node: { reason: string } }[] } };
      }>(`query($id: ID!) { opportunity(id: $id) { stage { name } stageHistory { edges { node { reason } } } } }`, {
        id,
      })
    ).data!.opportunity;
  const update = `mutation($input: UpdatePipelineInput!) { updatePipeline(input: $input) { ${pipelineFields} } }`;

  beforeAll(async () => {
    h = await startSalesHarness('sales_pipeline_edits');
    accountId = await h.createAccount('Ningbo Harbour Logistics Co., Ltd.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('createPipeline reports every broken stage rule at once, under input', async () => {
    const res = await h.graphql(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: { name: 'Broken', businessLine: 'X', stages: [open('A'), open('a '), closed[0]] },
    });
    const violations = res.errors?.[0]?.extensions?.violations as { field: string; rule: string }[];
    expect(violations.map((v) => [v.field, v.rule])).toEqual([
      ['input.stages[1].name', 'unique'],
      ['input.stages', 'one_lost_stage'],
    ]);
  });

  it('remaps the deals of removed stages (explicit map first) with history rows and events, never stranding one', async () => {
    const p = await createPipeline('Logistics', [
      open('Lead in'),
      open('Survey'),
      open('Tender'),
      open('Award'),
      ...closed,
    ]);
    const [leadIn, survey, tender, award, won, lost] = p.stages;
    const inSurvey = [await newDeal(p.id, survey.id), await newDeal(p.id, survey.id)];
    const inTender = await newDeal(p.id, tender.id);
    const input = {
      id: p.id,
      name: 'Logistics',
      businessLine: 'Logistics',
      stages: [
        { ...open('Discovery'), id: leadIn.id },
        { ...open('Award', '70'), id: award.id },
        open('Evaluation'),
        { ...closed[0], id: won.id },
        { ...closed[1], id: lost.id },
      ],
      remap: [{ fromStageId: tender.id, toStageId: award.id }],
      expectedVersion: p.version,
    };
    const wrong = await h.graphql(update, {
      input: { ...input, remap: [{ fromStageId: tender.id, toStageId: survey.id }] },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(wrong.errors?.[0]?.extensions?.violations)).toContain('input.remap');
    const byRep = await h.graphql(update, { input }, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const res = await h.graphql<{ updatePipeline: Pipeline }>(update, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePipeline.stages.map((s) => s.name)).toEqual([
      'Discovery',
      'Award',
      'Evaluation',
      'Won',
      'Lost',
    ]);
    expect(res.data!.updatePipeline.version).toBe(p.version + 1);
    for (const id of inSurvey) {
      const deal = await dealStage(id);
      expect(deal.stage.name).toBe('Discovery');
      expect(deal.stageHistory.edges.at(-1)?.node.reason).toBe('pipeline edit');
    }
    expect((await dealStage(inTender)).stage.name).toBe('Award');
    const removed = await h.graphql<{ _entities: { name: string; removedAt: string | null }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Stage { name removedAt } } }`,
      { r: [{ __typename: 'Stage', id: survey.id }] },
    );
    expect(removed.data?._entities[0]).toMatchObject({ name: 'Survey', removedAt: expect.any(String) });
    const [{ stranded }] = await h.app.dataSource.query(
      `SELECT count(*)::int AS stranded FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id
        WHERE o.pipeline_id = $1 AND s.removed_at IS NOT NULL`,
      [p.id],
    );
    expect(stranded).toBe(0);
    const moved = (await h.streamEvents()).filter((e) => e.subject === 'crm.sales.opportunity.stage_changed');
    expect(moved.length).toBeGreaterThanOrEqual(3);
    const stale = await h.graphql(update, { input });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a deal move waits while the pipeline is being edited (lock order: pipeline, then deals)', async () => {
    const p = await createPipeline('Freight', [open('One'), open('Two'), ...closed]);
    const deal = await newDeal(p.id, p.stages[0].id);
    const edit = h.app.dataSource.createQueryRunner();
    await edit.connect();
    await edit.startTransaction();
    await edit.query(`SELECT 1 FROM pipelines WHERE id = $1 FOR UPDATE`, [p.id]);
    let settled = false;
    const moving = h
      .graphql(
        `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { stage { name } } }`,
        { input: { id: deal, stageId: p.stages[1].id } },
        'rep.east1',
      )
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    await edit.commitTransaction();
    await edit.release();
    expect((await moving).errors).toBeUndefined();
  });

  it('a new deal waits for a running pipeline edit, so it never enters a stage the edit removes', async () => {
    const p = await createPipeline('Rail', [open('One'), open('Two'), ...closed]);
    const edit = h.app.dataSource.createQueryRunner();
    await edit.connect();
    await edit.startTransaction();
    await edit.query(`SELECT 1 FROM pipelines WHERE id = $1 FOR UPDATE`, [p.id]);
    const creating = h.graphql(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { name: 'Wagons', accountId, pipelineId: p.id, stageId: p.stages[1].id, currency: 'CNY' } },
      'rep.east1',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    // What updatePipeline does when it removes a stage, committed while the create waits.
    await edit.query(`UPDATE pipeline_stages SET removed_at = now() WHERE id = $1`, [p.stages[1].id]);
    await edit.commitTransaction();
    await edit.release();
    expect((await creating).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stageId' });
    const [{ stranded }] = await h.app.dataSource.query(
      `SELECT count(*)::int AS stranded FROM opportunities WHERE stage_id = $1`,
      [p.stages[1].id],
    );
    expect(stranded).toBe(0);
  });

  it('archiving is refused while open deals remain, naming how many', async () => {
    const p = await createPipeline('Warehousing', [open('Only'), ...closed]);
    await newDeal(p.id, p.stages[0].id);
    await newDeal(p.id, p.stages[0].id);
    const archive = `mutation($id: ID!) { archivePipeline(id: $id) { archivedAt } }`;
    const refused = await h.graphql(archive, { id: p.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(refused.errors?.[0]?.message).toContain('2 open deals');
    const empty = await createPipeline('Customs', [open('Only'), ...closed]);
    const done = await h.graphql<{ archivePipeline: { archivedAt: string } }>(archive, { id: empty.id });
    expect(done.data?.archivePipeline.archivedAt).toEqual(expect.any(String));
  });

  it('the kanban board totals each column in the company currency at today’s rates, naming missing rates', async () => {
    const p = await createPipeline('Kanban', [open('Prospect'), open('Offer'), ...closed]);
    const [prospect, offer] = p.stages;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [currency, rate, on] of [
      ['USD', '6.9', day(-14)],
      ['USD', '7.1', day(-1)],
      ['EUR', '7.8', day(1)],
    ]) {
      await h.app.dataSource.query(
        `INSERT INTO exchange_rates (id, currency, company_currency, rate, effective_on, recorded_by, recorded_at)
         VALUES ($1, $2, 'CNY', $3, $4, 'finance', now())`,
        [randomUUID(), currency, rate, on],
      );
    }
    await newDeal(p.id, prospect.id, '1000.50', 'CNY');
    await newDeal(p.id, prospect.id, '100', 'USD');
    await newDeal(p.id, prospect.id, '200.25', 'USD');
    await newDeal(p.id, offer.id, '500', 'CNY');
    await newDeal(p.id, offer.id, '10', 'EUR');
    const board = `query($id: ID!, $first: Int) { pipelineBoard(pipelineId: $id, perColumn: $first) {
      companyCurrency ratesUsed { currency rate effectiveOn }
      columns { stage { name } count total { amount currencyCode } missingRates
                deals { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    type Board = {
      pipelineBoard: {
        companyCurrency: string;
        ratesUsed: unknown[];
        columns: {
          stage: { name: string };
          count: number;
          total: { amount: string } | null;
          missingRates: string[];
          deals: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }[];
      };
    };
    const res = await h.graphql<Board>(board, { id: p.id, first: 2 }, 'rep.east1');
    expect(res.errors).toBeUndefined();
    const { columns, ratesUsed } = res.data!.pipelineBoard;
    // By hand: 1000.50 + 100 × 7.1 + 200.25 × 7.1 = 1000.50 + 710 + 1421.775 = 3132.275 → 3132.28 (half-even).
    expect(columns.map((c) => [c.stage.name, c.count, c.total?.amount ?? null, c.missingRates])).toEqual([
      ['Prospect', 3, '3132.28', []],
      ['Offer', 2, null, ['EUR']],
    ]);
    expect(ratesUsed).toEqual([{ currency: 'USD', rate: '7.1', effectiveOn: day(-1) }]);
    expect(columns[0].deals.edges).toHaveLength(2);
    expect(columns[0].deals.pageInfo.hasNextPage).toBe(true);
    const next = await h.graphql<{ stageDeals: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      `query($s: ID!, $after: String) { stageDeals(stageId: $s, first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { s: prospect.id, after: columns[0].deals.pageInfo.endCursor },
      'rep.east1',
    );
    expect(next.data?.stageDeals).toMatchObject({ edges: [expect.anything()], pageInfo: { hasNextPage: false } });
    const other = await h.graphql<Board>(board, { id: p.id }, 'rep.south1');
    expect(other.data!.pipelineBoard.columns.map((c) => c.count)).toEqual([0, 0]);
  });

  it('the cycle-time report gives average and median days per stage and the won cycle time', async () => {
    const p = await createPipeline('Cycle', [open('First'), open('Second'), ...closed]);
    const [first, second, won] = p.stages;
    const db = h.app.dataSource;
    const deals = [await newDeal(p.id, first.id), await newDeal(p.id, first.id), await newDeal(p.id, first.id)];
    for (const [i, days] of [2, 4, 9].entries()) {
      await db.query(
        `INSERT INTO opportunity_stage_history (id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, from_status,
           to_status, moved_by, moved_at, seconds_in_previous) VALUES ($1, $2, $3, $4, $5, 'open', 'open', 'x', now(), $6)`,
        [randomUUID(), deals[i], p.id, first.id, second.id, days * 86_400],
      );
    }
    await db.query(
      `UPDATE opportunities SET status = 'won', stage_id = $2, closed_at = now(), created_at = now() - interval '10 days'
        WHERE id = $1`,
      [deals[0], won.id],
    );
    const today = new Date().toISOString().slice(0, 10);
    const res = await h.graphql<{ stageCycleTimes: unknown }>(
      `query($p: ID!, $d: Date!) { stageCycleTimes(pipelineId: $p, from: $d, to: $d) {
         stages { stage { name } stays averageDays medianDays } won { deals averageDays medianDays } } }`,
      { p: p.id, d: today },
      'manager.east',
    );
    expect(res.data?.stageCycleTimes).toEqual({
      stages: [{ stage: { name: 'First' }, stays: 3, averageDays: 5, medianDays: 4 }],
      won: { deals: 1, averageDays: 10, medianDays: 10 },
    });
  });
});
