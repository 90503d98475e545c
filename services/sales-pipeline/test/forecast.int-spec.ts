import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

// Company currency CNY. Rates: USD 7.1 from 2026-01-01 and 7.2 from 2026-08-01; EUR 7.8 and 7.9 on the same days.
// Period FY2026-Q3 (fiscal year from January): 2026-07-01 .. 2026-09-30. Open deals convert at today's rate (the
// 2026-08-01 ones), won deals at the rate of their UTC close day. Every expected figure below is worked out by hand.
const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Proposal', kind: 'OPEN', probability: '50', forecastCategory: 'BEST_CASE' },
  { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT' },
  { name: 'Parked', kind: 'OPEN', probability: '5', forecastCategory: 'OMITTED' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];
const Q3 = { kind: 'QUARTER', start: '2026-07-01' };

const FIGURES = `closed { amount currencyCode } commit { amount } bestCase { amount } pipeline { amount }
  weightedPipeline { amount }`;
const FORECAST = `query($period: ForecastPeriodInput!, $scope: ForecastScopeInput!) {
  forecast(period: $period, scope: $scope) {
    scope { ownerId teamId } period { kind start end label } companyCurrency asOf
    reps { ownerId figures { ${FIGURES} } quota { amount currencyCode } attainment }
    team { teamId figures { ${FIGURES} } quota { amount } attainment
           adjusted { commit { amount } bestCase { amount } adjustedBy adjustedAt note } }
    ratesUsed { currency rate effectiveOn }
  }
}`;

interface Figures {
  closed: { amount: string; currencyCode?: string };
  commit: { amount: string };
  bestCase: { amount: string };
  pipeline: { amount: string };
  weightedPipeline: { amount: string };
}
interface ForecastAnswer {
  forecast: {
    period: { label: string; end: string };
    asOf: string;
    reps: { ownerId: string; figures: Figures; quota: { amount: string } | null; attainment: string | null }[];
    team: {
      teamId: string;
      figures: Figures;
      quota: { amount: string } | null;
      attainment: string | null;
      adjusted: { commit: { amount: string }; bestCase: { amount: string }; adjustedBy: string; note: string } | null;
    } | null;
    ratesUsed: { currency: string; rate: string; effectiveOn: string | null }[];
  };
}

const figures = (closed: string, commit: string, bestCase: string, pipeline: string, weighted: string) => ({
  closed: { amount: closed },
  commit: { amount: commit },
  bestCase: { amount: bestCase },
  pipeline: { amount: pipeline },
  weightedPipeline: { amount: weighted },
});

/** Counts the SQL statements that read deals, rates, quotas or adjustments while `run` runs. */
async function forecastStatements(run: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
  try {
    await run();
    return spy.mock.calls.filter(([sql]) => /\b(opportunities|exchange_rates|quotas|forecast_adjustments)\b/.test(sql))
      .length;
  } finally {
    spy.mockRestore();
  }
}

describeWithKeycloak('forecast', () => {
  let h: SalesHarness;
  let east1: string;
  let east2: string;
  const stageIds = new Map<string, string>();
  const accounts = new Map<string, string>();

  async function deal(
    as: string,
    input: { amount: string; currency: string; stage: string; expectedCloseDate?: string },
    wonAt?: string,
  ): Promise<string> {
    const created = await h.graphql<{ createOpportunity: { id: string } }>(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      {
        input: {
          name: `${input.currency} ${input.amount}`,
          accountId: accounts.get(as),
          amount: input.amount,
          currency: input.currency,
          stageId: stageIds.get(input.stage),
          expectedCloseDate: input.expectedCloseDate,
        },
      },
      as,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createOpportunity.id;
    // Winning a deal is the stage-move capability's; here the won state is written as that move leaves it.
    if (wonAt) {
      await h.app.dataSource.query(
        `UPDATE opportunities SET status = 'won', stage_id = $2, probability = 100, closed_at = $3 WHERE id = $1`,
        [id, stageIds.get('Closed won'), wonAt],
      );
    }
    return id;
  }

  beforeAll(async () => {
    h = await startSalesHarness('sales_forecast');
    const pipeline = await h.graphql<{ createPipeline: { stages: { id: string; name: string }[] } }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { stages { id name } } }`,
      { input: { name: 'Enterprise', businessLine: 'Software', isDefault: true, stages } },
    );
    for (const s of pipeline.data!.createPipeline.stages) stageIds.set(s.name, s.id);
    for (const [currency, rate, effectiveOn] of [
      ['USD', '7.1', '2026-01-01'],
      ['USD', '7.2', '2026-08-01'],
      ['EUR', '7.8', '2026-01-01'],
      ['EUR', '7.9', '2026-08-01'],
    ]) {
      const res = await h.graphql(
        `mutation($c: String!, $r: String!, $d: Date!) { recordExchangeRate(currency: $c, rate: $r, effectiveOn: $d) { id } }`,
        { c: currency, r: rate, d: effectiveOn },
        'finance1',
      );
      expect(res.errors).toBeUndefined();
    }
    east1 = await h.userId('rep.east1');
    east2 = await h.userId('rep.east2');
    accounts.set('rep.east1', await h.createAccount('Hangzhou Xihu Instruments', 'rep.east1'));
    accounts.set('rep.east2', await h.createAccount('Ningbo Harbour Logistics', 'rep.east2'));
    // rep.east1: open USD commit 1000 → 7200.00 (weighted 80 %: 5760); open EUR best case 500.50 on the period's
    // last day → 3953.95 (weighted 1976.975); USD 2000 won 2026-07-15 at 7.1 → 14200.00. Left out: CNY 300 expected
    // the day after the period, EUR 100 won 2026-06-30 23:30 UTC, a USD 999 deal in an omitted stage.
    // rep.east2: EUR 1000 won 2026-07-31 23:59 UTC at 7.8 → 7800.00; open CNY 1234.56 in pipeline on the period's
    // first day (weighted 10 %: 123.456).
    // [owner, amount, currency, stage, expected close date, won at]
    const deals: [string, string, string, string, string | undefined, string | undefined][] = [
      ['rep.east1', '1000', 'USD', 'Negotiation', '2026-08-15', undefined],
      ['rep.east1', '500.50', 'EUR', 'Proposal', '2026-09-30', undefined],
      ['rep.east1', '2000', 'USD', 'Qualification', undefined, '2026-07-15T10:00:00Z'],
      ['rep.east1', '300', 'CNY', 'Qualification', '2026-10-01', undefined],
      ['rep.east1', '100', 'EUR', 'Qualification', undefined, '2026-06-30T23:30:00Z'],
      ['rep.east1', '999', 'USD', 'Parked', '2026-08-01', undefined],
      ['rep.east2', '1000', 'EUR', 'Qualification', undefined, '2026-07-31T23:59:00Z'],
      ['rep.east2', '1234.56', 'CNY', 'Qualification', '2026-07-01', undefined],
    ];
    for (const [as, amount, currency, stage, expectedCloseDate, wonAt] of deals) {
      await deal(as, { amount, currency, stage, expectedCloseDate }, wonAt);
    }
  }, 120_000);
  afterAll(() => h?.stop());

  it('rolls up a team in two currencies at dated rates, per rep and for the team, as computed by hand', async () => {
    const res = await h.graphql<ForecastAnswer>(
      FORECAST,
      { period: Q3, scope: { teamId: 'sales-east' } },
      'manager.east',
    );
    expect(res.errors).toBeUndefined();
    const f = res.data!.forecast;
    expect(f).toMatchObject({
      scope: { ownerId: null, teamId: 'sales-east' },
      period: { kind: 'QUARTER', start: '2026-07-01', end: '2026-09-30', label: 'FY2026-Q3' },
      companyCurrency: 'CNY',
      asOf: new Date().toISOString().slice(0, 10),
    });
    const reps = Object.fromEntries(f.reps.map((r) => [r.ownerId, r.figures]));
    expect(reps[east1]).toEqual({
      ...figures('14200.00', '21400.00', '25353.95', '11153.95', '7736.98'),
      closed: { amount: '14200.00', currencyCode: 'CNY' },
    });
    expect(reps[east2]).toMatchObject(figures('7800.00', '7800.00', '7800.00', '1234.56', '123.46'));
    // The team sums unrounded weighted figures: 5760 + 1976.975 + 123.456 = 7860.431.
    expect(f.team?.figures).toMatchObject(figures('22000.00', '29200.00', '33153.95', '12388.51', '7860.43'));
    expect(f.team?.adjusted).toBeNull();
    expect(f.ratesUsed).toEqual([
      { currency: 'CNY', rate: '1', effectiveOn: null },
      { currency: 'EUR', rate: '7.8', effectiveOn: '2026-01-01' },
      { currency: 'EUR', rate: '7.9', effectiveOn: '2026-08-01' },
      { currency: 'USD', rate: '7.1', effectiveOn: '2026-01-01' },
      { currency: 'USD', rate: '7.2', effectiveOn: '2026-08-01' },
    ]);
  });

  it('counts a deal by the period its close falls in: a month and a fiscal year', async () => {
    const july = await h.graphql<ForecastAnswer>(
      FORECAST,
      { period: { kind: 'MONTH', start: '2026-07-01' }, scope: { ownerId: east1 } },
      'rep.east1',
    );
    expect(july.data?.forecast.period.label).toBe('2026-07');
    expect(july.data?.forecast.team).toBeNull();
    expect(july.data?.forecast.reps).toMatchObject([
      { ownerId: east1, figures: figures('14200.00', '14200.00', '14200.00', '0.00', '0.00'), quota: null },
    ]);
    const year = await h.graphql<ForecastAnswer>(
      FORECAST,
      { period: { kind: 'YEAR', start: '2026-01-01' }, scope: { ownerId: east1 } },
      'rep.east1',
    );
    // The year adds the EUR 100 won on 2026-06-30 (at 7.8: 780.00) and the CNY 300 expected in October (10 %: 30).
    expect(year.data?.forecast.reps[0].figures).toMatchObject(
      figures('14980.00', '22180.00', '26133.95', '11453.95', '7766.98'),
    );
  });

  it('refuses a period start that is not the first day of the period, naming the field and rule', async () => {
    const res = await h.graphql(
      FORECAST,
      { period: { kind: 'QUARTER', start: '2026-08-01' }, scope: { ownerId: east1 } },
      'rep.east1',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain('period_start');
    const both = await h.graphql(FORECAST, { period: Q3, scope: { ownerId: east1, teamId: 'sales-east' } }, 'admin1');
    expect(JSON.stringify(both.errors?.[0]?.extensions)).toContain('one_of');
  });

  it('shows each role what the access model says: own, managed teams, or everything', async () => {
    const asRep = (scope: object, user: string) => h.graphql<ForecastAnswer>(FORECAST, { period: Q3, scope }, user);
    expect((await asRep({ ownerId: east1 }, 'rep.east1')).errors).toBeUndefined();
    expect((await asRep({ ownerId: east2 }, 'rep.east1')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asRep({ teamId: 'sales-east' }, 'rep.east1')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asRep({ teamId: 'sales-east' }, 'manager.south')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another team's manager asking for an east rep sees none of that rep's east deals.
    const south = await asRep({ ownerId: east1 }, 'manager.south');
    expect(south.errors).toBeUndefined();
    expect(south.data?.forecast.reps).toMatchObject([
      { ownerId: east1, figures: figures('0.00', '0.00', '0.00', '0.00', '0.00'), quota: null, attainment: null },
    ]);
    const managed = await asRep({ ownerId: east2 }, 'manager.east');
    expect(managed.data?.forecast.reps[0].figures.closed.amount).toBe('7800.00');
    for (const user of ['finance1', 'auditor1', 'admin1']) {
      const all = await asRep({ teamId: 'sales-east' }, user);
      expect(all.data?.forecast.team?.figures.closed.amount).toBe('22000.00');
    }
  });

  it('keeps quotas per rep and period, and shows attainment = closed / quota', async () => {
    const SET = `mutation($owner: ID!, $team: String!, $period: ForecastPeriodInput!, $amount: String!) {
      setQuota(ownerId: $owner, teamId: $team, period: $period, amount: $amount) { id amount { amount currencyCode } period { label } }
    }`;
    const refused = await h.graphql(
      SET,
      { owner: east1, team: 'sales-east', period: Q3, amount: '20000' },
      'manager.south',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.graphql(SET, { owner: east1, team: 'sales-east', period: Q3, amount: '1e4' }, 'manager.east');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('amount');
    await h.graphql(SET, { owner: east1, team: 'sales-east', period: Q3, amount: '15000' }, 'manager.east');
    const set = await h.graphql<{ setQuota: unknown }>(
      SET,
      { owner: east1, team: 'sales-east', period: Q3, amount: '20000' },
      'manager.east',
    );
    expect(set.data?.setQuota).toMatchObject({
      amount: { amount: '20000.00', currencyCode: 'CNY' },
      period: { label: 'FY2026-Q3' },
    });

    const res = await h.graphql<ForecastAnswer>(
      FORECAST,
      { period: Q3, scope: { teamId: 'sales-east' } },
      'manager.east',
    );
    const reps = Object.fromEntries(res.data!.forecast.reps.map((r) => [r.ownerId, r]));
    expect(reps[east1]).toMatchObject({ quota: { amount: '20000.00' }, attainment: '0.7100' });
    expect(reps[east2]).toMatchObject({ quota: null, attainment: null });
    expect(res.data?.forecast.team).toMatchObject({ quota: { amount: '20000.00' }, attainment: '1.1000' });

    const mine = await h.graphql<{ quotas: { totalCount: number } }>(`{ quotas { totalCount } }`, {}, 'rep.east1');
    expect(mine.data?.quotas.totalCount).toBe(1);
    const others = await h.graphql<{ quotas: { totalCount: number } }>(`{ quotas { totalCount } }`, {}, 'rep.east2');
    expect(others.data?.quotas.totalCount).toBe(0);
    const trail = await h.graphql<{ salesAuditTrail: { edges: { node: { action: string } }[] } }>(
      `{ salesAuditTrail(entityType: "quota") { edges { node { action } } } }`,
      {},
      'auditor1',
    );
    expect(trail.data?.salesAuditTrail.edges.map((e) => e.node.action)).toEqual(['quota.changed', 'quota.set']);
  });

  it('keeps a manager’s adjustment apart from the reps’ figures, and records the roll-up with its rates', async () => {
    const ADJUST = `mutation($period: ForecastPeriodInput!, $commit: String, $bestCase: String, $note: String) {
      adjustTeamForecast(teamId: "sales-east", period: $period, commit: $commit, bestCase: $bestCase, note: $note) {
        id reason computedBy forecast { team { figures { commit { amount } } adjusted { commit { amount } bestCase { amount } note } } ratesUsed { currency } }
      }
    }`;
    const bad = await h.graphql(ADJUST, { period: Q3, commit: '40000', bestCase: '30000' }, 'manager.east');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('at_least_commit');
    expect((await h.graphql(ADJUST, { period: Q3, commit: '1' }, 'rep.east1')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await h.graphql(ADJUST, { period: Q3, commit: '1' }, 'manager.south')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const adjusted = await h.graphql<{ adjustTeamForecast: Record<string, unknown> }>(
      ADJUST,
      { period: Q3, commit: '30000', note: 'Ningbo renewal will land' },
      'manager.east',
    );
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data?.adjustTeamForecast).toMatchObject({
      reason: 'ADJUSTMENT',
      computedBy: await h.userId('manager.east'),
      forecast: {
        team: {
          figures: { commit: { amount: '29200.00' } },
          adjusted: {
            commit: { amount: '30000.00' },
            bestCase: { amount: '33153.95' },
            note: 'Ningbo renewal will land',
          },
        },
      },
    });

    const live = await h.graphql<ForecastAnswer>(FORECAST, { period: Q3, scope: { teamId: 'sales-east' } }, 'finance1');
    expect(live.data?.forecast.team?.figures.commit.amount).toBe('29200.00');
    expect(live.data?.forecast.team?.adjusted).toMatchObject({
      commit: { amount: '30000.00' },
      adjustedBy: await h.userId('manager.east'),
    });
    const east1Figures = live.data?.forecast.reps.find((r) => r.ownerId === east1)?.figures;
    expect(east1Figures?.commit.amount).toBe('21400.00');

    const recorded = await h.graphql<{ recordForecastSnapshot: { id: string } }>(
      `mutation($period: ForecastPeriodInput!) {
        recordForecastSnapshot(period: $period, scope: { teamId: "sales-east" }, idempotencyKey: "q3-close") { id }
      }`,
      { period: Q3 },
      'finance1',
    );
    expect(recorded.errors).toBeUndefined();
    const history = await h.graphql<{
      forecastSnapshots: {
        totalCount: number;
        edges: { node: { id: string; reason: string; forecast: ForecastAnswer['forecast'] } }[];
      };
    }>(
      `query($period: ForecastPeriodInput!) {
        forecastSnapshots(period: $period, scope: { teamId: "sales-east" }) {
          totalCount
          edges { node { id reason forecast {
            reps { ownerId figures { ${FIGURES} } quota { amount } attainment }
            team { figures { ${FIGURES} } adjusted { commit { amount } note } attainment }
            ratesUsed { currency rate effectiveOn }
          } } }
        }
      }`,
      { period: Q3 },
      'manager.east',
    );
    expect(history.errors).toBeUndefined();
    const snapshots = history.data!.forecastSnapshots;
    expect(snapshots.totalCount).toBe(2);
    expect(snapshots.edges.map((e) => e.node.reason)).toEqual(['REQUESTED', 'ADJUSTMENT']);
    const latest = snapshots.edges[0].node;
    expect(latest.id).toBe(recorded.data?.recordForecastSnapshot.id);
    expect(latest.forecast.team).toMatchObject({
      figures: figures('22000.00', '29200.00', '33153.95', '12388.51', '7860.43'),
      adjusted: { commit: { amount: '30000.00' }, note: 'Ningbo renewal will land' },
      attainment: '1.1000',
    });
    expect(latest.forecast.reps.find((r) => r.ownerId === east1)).toMatchObject({
      figures: figures('14200.00', '21400.00', '25353.95', '11153.95', '7736.98'),
      quota: { amount: '20000.00' },
      attainment: '0.7100',
    });
    expect(latest.forecast.ratesUsed).toHaveLength(5);
    expect(latest.forecast.ratesUsed).toContainEqual({ currency: 'USD', rate: '7.1', effectiveOn: '2026-01-01' });

    const south = await h.graphql(
      `query($period: ForecastPeriodInput!) { forecastSnapshots(period: $period, scope: { teamId: "sales-east" }) { totalCount } }`,
      { period: Q3 },
      'manager.south',
    );
    expect(south.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names the people of the forecast as Users: reps, quota owners and setters, the adjuster, the recorder', async () => {
    const manager = await h.userId('manager.east');
    const res = await h.graphql<{
      forecast: { reps: { ownerId: string; owner: { id: string } }[]; team: { adjusted: { adjustedByUser: unknown } } };
      quotas: { edges: { node: { ownerId: string; owner: { id: string }; setByUser: unknown } }[] };
      forecastSnapshots: { edges: { node: { computedBy: string; computedByUser: unknown } }[] };
    }>(
      `query($period: ForecastPeriodInput!) {
        forecast(period: $period, scope: { teamId: "sales-east" }) {
          reps { ownerId owner { id } } team { adjusted { adjustedByUser { id } } }
        }
        quotas(teamId: "sales-east") { edges { node { ownerId owner { id } setByUser { id } } } }
        forecastSnapshots(period: $period, scope: { teamId: "sales-east" }) {
          edges { node { computedBy computedByUser { id } } }
        }
      }`,
      { period: Q3 },
      'manager.east',
    );
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    expect(data.forecast.reps.length).toBeGreaterThan(0);
    for (const rep of data.forecast.reps) expect(rep.owner).toEqual({ id: rep.ownerId });
    expect(data.forecast.team.adjusted.adjustedByUser).toEqual({ id: manager });
    expect(data.quotas.edges.map((e) => e.node)).toEqual([
      { ownerId: east1, owner: { id: east1 }, setByUser: { id: manager } },
    ]);
    expect(data.forecastSnapshots.edges.map((e) => e.node.computedByUser)).toEqual(
      data.forecastSnapshots.edges.map((e) => ({ id: e.node.computedBy })),
    );
  });

  it('shows a manager only the recorded roll-ups of a rep that were limited to teams they manage', async () => {
    const RECORD = `mutation($period: ForecastPeriodInput!, $owner: ID!) {
      recordForecastSnapshot(period: $period, scope: { ownerId: $owner }) { id forecast { reps { ownerId } } }
    }`;
    const HISTORY = `query($period: ForecastPeriodInput!, $owner: ID!) {
      forecastSnapshots(period: $period, scope: { ownerId: $owner }) { totalCount edges { node { id } } }
    }`;
    const everything = await h.graphql<{ recordForecastSnapshot: { id: string } }>(
      RECORD,
      { period: Q3, owner: east1 },
      'admin1',
    );
    const southView = await h.graphql<{ recordForecastSnapshot: { id: string; forecast: { reps: unknown[] } } }>(
      RECORD,
      { period: Q3, owner: east1 },
      'manager.south',
    );
    expect(southView.data?.recordForecastSnapshot.forecast.reps).toEqual([{ ownerId: east1 }]);
    const south = await h.graphql<{ forecastSnapshots: { totalCount: number; edges: { node: { id: string } }[] } }>(
      HISTORY,
      { period: Q3, owner: east1 },
      'manager.south',
    );
    expect(south.data?.forecastSnapshots.edges.map((e) => e.node.id)).toEqual([
      southView.data?.recordForecastSnapshot.id,
    ]);
    expect(south.data?.forecastSnapshots.totalCount).toBe(1);
    const own = await h.graphql<{ forecastSnapshots: { totalCount: number } }>(
      HISTORY,
      { period: Q3, owner: east1 },
      'rep.east1',
    );
    expect(own.data?.forecastSnapshots.totalCount).toBe(2);
    expect(everything.errors).toBeUndefined();
  });

  it('refuses a roll-up that needs a rate finance has not recorded, naming the currency, and records nothing', async () => {
    const Q4 = { kind: 'QUARTER', start: '2026-10-01' };
    await deal('rep.east2', { amount: '50', currency: 'GBP', stage: 'Proposal', expectedCloseDate: '2026-11-15' });
    const res = await h.graphql(FORECAST, { period: Q4, scope: { ownerId: east2 } }, 'rep.east2');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(res.errors?.[0]?.message).toContain('GBP');
    const snapshot = await h.graphql(
      `mutation($period: ForecastPeriodInput!, $owner: ID!) {
        recordForecastSnapshot(period: $period, scope: { ownerId: $owner }) { id }
      }`,
      { period: Q4, owner: east2 },
      'rep.east2',
    );
    expect(snapshot.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    const [{ count }] = await h.app.dataSource.query(`SELECT count(*)::int AS count FROM forecast_snapshots
      WHERE period_start = '2026-10-01'`);
    expect(count).toBe(0);
  });

  it('reads deals, rates, quotas and the adjustment in a fixed number of statements, whatever the deal count', async () => {
    const forecastOf = (ownerId: string) => () => h.graphql(FORECAST, { period: Q3, scope: { ownerId } }, 'admin1');
    const few = await forecastStatements(forecastOf(east2));
    const many = await forecastStatements(forecastOf(east1));
    expect(many).toBe(few);
    expect(many).toBe(3); // deals, quotas, rates
  });
});
