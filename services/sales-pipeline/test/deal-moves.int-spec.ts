import { randomUUID } from 'node:crypto';
import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  {
    name: 'Proposal',
    kind: 'OPEN',
    probability: '50',
    forecastCategory: 'BEST_CASE',
    entryCriteria: ['amount', 'nextStep', 'contactRoles'],
  },
  { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT', idleDays: 14 },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

const dealFields = `id version status ownerId teamId amount { amount currencyCode } probability nextStep competitors
  lossReason stage { name } contactRoles { contactId role isPrimary } daysInStage isIdle
  stageHistory { edges { node { fromStage { name } toStage { name } movedBy movedByUser { id } secondsInPreviousStage reason } } }`;
const move = `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { ${dealFields} } }`;
const reopen = `mutation($input: ReopenOpportunityInput!) { reopenOpportunity(input: $input) { ${dealFields} } }`;
const get = `query($id: ID!) { opportunity(id: $id) { ${dealFields} } }`;

interface Deal {
  id: string;
  version: number;
  status: string;
  ownerId: string;
  teamId: string | null;
  amount: { amount: string };
  stage: { name: string };
  stageHistory: { edges: { node: { toStage: { name: string }; reason: string | null } }[] };
  contactRoles: { contactId: string }[];
}

describeWithKeycloak('deals moving through their pipeline', () => {
  let h: SalesHarness;
  let accountId: string;
  const stageIds: Record<string, string> = {};

  const newDeal = async (name: string): Promise<string> => {
    const res = await h.graphql<{ createOpportunity: { id: string } }>(
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { name, accountId, currency: 'CNY' } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createOpportunity.id;
  };
  const read = async (id: string, as = 'rep.east1'): Promise<Deal> =>
    (await h.graphql<{ opportunity: Deal }>(get, { id }, as)).data!.opportunity;
  const auditActions = async (id: string): Promise<{ action: string; details: Record<string, unknown> }[]> => {
    const res = await h.graphql<{
      salesAuditTrail: { edges: { node: { action: string; details: Record<string, unknown> } }[] };
    }>(
      `query($id: ID!) { salesAuditTrail(entityType: "opportunity", entityId: $id, first: 50) { edges { node { action details } } } }`,
      { id },
      'auditor1',
    );
    return res.data!.salesAuditTrail.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    h = await startSalesHarness('sales_deal_moves');
    const created = await h.graphql<{ createPipeline: { stages: { id: string; name: string }[] } }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { stages { id name } } }`,
      { input: { name: 'Enterprise', businessLine: 'Software', isDefault: true, stages } },
    );
    expect(created.errors).toBeUndefined();
    for (const s of created.data!.createPipeline.stages) stageIds[s.name] = s.id;
    accountId = await h.createAccount('Hangzhou Xihu Instruments Co., Ltd.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('refuses a move whose entry criteria are unmet, naming exactly the missing fields, and changes nothing', async () => {
    const id = await newDeal('Lab analysers');
    const before = await read(id);
    const res = await h.graphql(move, { input: { id, stageId: stageIds.Proposal } }, 'rep.east1');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      missingFields: ['amount', 'nextStep', 'contactRoles'],
    });
    const violations = res.errors?.[0]?.extensions?.violations as { path: string[]; rule: string }[];
    expect(violations.map((v) => [v.path, v.rule])).toEqual([
      [['input', 'amount'], 'entry_criteria'],
      [['input', 'nextStep'], 'entry_criteria'],
      [['input', 'contactRoles'], 'entry_criteria'],
    ]);
    // Fields sent with a move that is still refused are not kept either.
    const partly = await h.graphql(
      move,
      { input: { id, stageId: stageIds.Proposal, fields: { amount: '250000', nextStep: 'Site visit' } } },
      'rep.east1',
    );
    expect(partly.errors?.[0]?.extensions?.missingFields).toEqual(['contactRoles']);
    const after = await read(id);
    expect(after).toEqual(before);
  });

  it('moves once the portal sends the missing fields, with a history row and a stage_changed event', async () => {
    const id = await newDeal('Chromatography line');
    const roles = await h.graphql(
      `mutation($id: ID!, $roles: [OpportunityContactRoleInput!]!) {
         setOpportunityContactRoles(id: $id, roles: $roles) { contactRoles { contactId role isPrimary } } }`,
      { id, roles: [{ contactId: randomUUID(), role: 'Decision maker', isPrimary: true }] },
      'rep.east1',
    );
    expect(roles.errors).toBeUndefined();
    const res = await h.graphql<{ moveOpportunityStage: Deal }>(
      move,
      { input: { id, stageId: stageIds.Proposal, fields: { amount: '250000.50', nextStep: 'Site visit' } } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    const deal = res.data!.moveOpportunityStage;
    expect(deal).toMatchObject({
      stage: { name: 'Proposal' },
      amount: { amount: '250000.50' },
      probability: '50.00',
    });
    expect(deal.stageHistory.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ fromStage: null, toStage: { name: 'Qualification' } }),
      expect.objectContaining({
        fromStage: { name: 'Qualification' },
        toStage: { name: 'Proposal' },
        movedBy: await h.userId('rep.east1'),
        movedByUser: { id: await h.userId('rep.east1') },
        secondsInPreviousStage: expect.any(Number),
        reason: null,
      }),
    ]);
    const events = await h.streamEvents();
    expect(events.map((e) => e.subject)).toContain('crm.sales.opportunity.stage_changed');
  });

  it('updates fields under the version the user saw (CONFLICT when stale), audited field by field', async () => {
    const id = await newDeal('Spectrometers');
    const { version } = await read(id);
    const update = `mutation($id: ID!, $input: OpportunityFieldsInput!, $v: Int!) {
      updateOpportunity(id: $id, input: $input, expectedVersion: $v) { version competitors probability } }`;
    const ok = await h.graphql<{ updateOpportunity: { version: number; competitors: string[] } }>(
      update,
      { id, input: { competitors: ['Acme', ' acme ', 'Globex'], probability: '35' }, v: version },
      'rep.east1',
    );
    expect(ok.data?.updateOpportunity).toMatchObject({ version: version + 1, competitors: ['Acme', 'Globex'] });
    const stale = await h.graphql(update, { id, input: { nextStep: 'Call' }, v: version }, 'rep.east1');
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bad = await h.graphql(update, { id, input: { amount: '1e5' }, v: version + 1 }, 'rep.east1');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const updated = (await auditActions(id)).find((a) => a.action === 'opportunity.updated');
    expect(updated).toBeDefined();
  });

  it('wins and loses as terminal states; only the owner’s manager reopens, with a reason that is audited', async () => {
    const won = await newDeal('Service contract');
    const lost = await newDeal('Spare parts');
    const noReason = await h.graphql(move, { input: { id: lost, stageId: stageIds['Closed lost'] } }, 'rep.east1');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lossReason' });
    const lostRes = await h.graphql<{ moveOpportunityStage: Deal }>(
      move,
      { input: { id: lost, stageId: stageIds['Closed lost'], lossReason: 'Price' } },
      'rep.east1',
    );
    expect(lostRes.data?.moveOpportunityStage).toMatchObject({ status: 'LOST', lossReason: 'Price' });
    const wonRes = await h.graphql<{ moveOpportunityStage: Deal }>(
      move,
      { input: { id: won, stageId: stageIds['Closed won'] } },
      'rep.east1',
    );
    expect(wonRes.data?.moveOpportunityStage).toMatchObject({ status: 'WON', probability: '100.00' });
    const again = await h.graphql(move, { input: { id: won, stageId: stageIds.Qualification } }, 'rep.east1');
    expect(again.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');

    const byRep = await h.graphql(
      reopen,
      { input: { id: won, stageId: stageIds.Negotiation, reason: 'Customer cancelled' } },
      'rep.east1',
    );
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await h.graphql(
      reopen,
      { input: { id: won, stageId: stageIds.Negotiation, reason: ' ' } },
      'manager.east',
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const reopened = await h.graphql<{ reopenOpportunity: Deal }>(
      reopen,
      { input: { id: won, stageId: stageIds.Negotiation, reason: 'Customer cancelled the PO' } },
      'manager.east',
    );
    expect(reopened.data?.reopenOpportunity).toMatchObject({ status: 'OPEN', stage: { name: 'Negotiation' } });
    expect(reopened.data!.reopenOpportunity.stageHistory.edges.at(-1)?.node.reason).toBe('Customer cancelled the PO');
    expect(await auditActions(won)).toContainEqual(
      expect.objectContaining({
        action: 'opportunity.reopened',
        details: expect.objectContaining({ reason: 'Customer cancelled the PO', previousStatus: 'won' }),
      }),
    );
    const subjects = (await h.streamEvents()).map((e) => e.subject);
    for (const s of ['won', 'lost', 'reopened']) expect(subjects).toContain(`crm.sales.opportunity.${s}`);
  });

  it('counts days in stage and calls a deal idle past its stage’s idleDays', async () => {
    const id = await newDeal('Glassware');
    await h.graphql(move, { input: { id, stageId: stageIds.Negotiation } }, 'rep.east1');
    const shift = (days: number) =>
      h.app.dataSource.query(
        `UPDATE opportunities SET stage_entered_at = now() - make_interval(days => $2) WHERE id = $1`,
        [id, days],
      );
    await shift(13);
    expect(await read(id)).toMatchObject({ daysInStage: 13, isIdle: false });
    await shift(20);
    expect(await read(id)).toMatchObject({ daysInStage: 20, isIdle: true });
  });

  it('transfers keep stage, fields, history, line items, contact roles and contract links', async () => {
    const id = await newDeal('Fume hoods');
    await h.graphql(
      `mutation($id: ID!, $roles: [OpportunityContactRoleInput!]!) { setOpportunityContactRoles(id: $id, roles: $roles) { id } }`,
      { id, roles: [{ contactId: randomUUID(), role: 'Buyer', isPrimary: true }] },
      'rep.east1',
    );
    await h.graphql(
      move,
      { input: { id, stageId: stageIds.Proposal, fields: { amount: '98000', nextStep: 'Quote' } } },
      'rep.east1',
    );
    const db = h.app.dataSource;
    const productId = randomUUID();
    await db.query(
      `INSERT INTO products (id, code, name, created_by, created_at, updated_by, updated_at)
       VALUES ($1, 'HOOD-1', 'Fume hood', 'test', now(), 'test', now())`,
      [productId],
    );
    await db.query(
      `INSERT INTO opportunity_line_items (id, opportunity_id, position, product_id, quantity, unit_price, currency, line_total)
       VALUES ($1, $2, 0, $3, 2, 49000, 'CNY', 98000)`,
      [randomUUID(), id, productId],
    );
    const contractId = randomUUID();
    await db.query(
      `INSERT INTO contracts (id, number, opportunity_id, account_id, owner_id, status, value, currency, created_by,
         created_at, updated_by, updated_at) VALUES ($1, 'C-1', $2, $3, $4, 'draft', 98000, 'CNY', 'test', now(), 'test', now())`,
      [contractId, id, accountId, await h.userId('rep.east1')],
    );
    const links = async () =>
      db.query(
        `SELECT (SELECT count(*)::int FROM opportunity_line_items WHERE opportunity_id = $1) AS items,
                (SELECT count(*)::int FROM contracts WHERE opportunity_id = $1) AS contracts`,
        [id],
      );
    const before = await read(id, 'manager.east');
    const linksBefore = await links();
    const transfer = `mutation($id: ID!, $to: ID!) { transferOpportunity(id: $id, newOwnerId: $to, reason: "Territory change") { ownerId } }`;
    const outside = await h.graphql(transfer, { id, to: await h.userId('rep.south1') }, 'manager.east');
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOwner = await h.graphql(transfer, { id, to: await h.userId('rep.east2') }, 'rep.east1');
    expect(byOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await h.graphql(transfer, { id, to: await h.userId('rep.east2') }, 'manager.east');
    expect(res.errors).toBeUndefined();
    const after = await read(id, 'manager.east');
    expect(after.ownerId).toBe(await h.userId('rep.east2'));
    const keep = (d: Deal) => ({ ...d, ownerId: undefined, version: undefined });
    expect(keep(after)).toEqual(keep(before));
    expect(after.stageHistory.edges).toHaveLength(before.stageHistory.edges.length);
    expect(await links()).toEqual(linksBefore);
    expect((await auditActions(id)).map((a) => a.action)).toContain('opportunity.transferred');
    expect((await h.streamEvents()).map((e) => e.subject)).toContain('crm.sales.opportunity.owner_changed');
  });
});
