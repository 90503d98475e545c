/// <reference lib="dom" />
import { demoUser, describeWithKeycloak } from '@crm/testing';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';
import { accountOf, dealOf, inDays, pipelineOf, productAt, runTag, shanghaiQuarter } from './sales-fixtures';

jest.setTimeout(240_000);

describeWithKeycloak('a sales manager in Chromium (real stack)', () => {
  let env: BrowserStack;
  const open: PortalPage[] = [];

  beforeAll(async () => {
    env = await startBrowserStack('sales_manager');
  }, 240_000);

  afterAll(async () => {
    await Promise.all(open.map((p) => p.close()));
    await env?.stop();
  });

  it("sees the team's pipeline and forecast, and approves a rep's discount with a comment the rep then reads", async () => {
    const tag = runTag();
    const { today, quarterStart } = shanghaiQuarter();
    const pipeline = await pipelineOf(env, `Journey machinery ${tag}`, [
      { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
      { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT' },
      { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ]);
    const [, negotiation, won] = pipeline.stages;
    const productId = await productAt(env, `CNC-${tag}`, '500000.00');

    // rep.east1: a deal won this quarter, and a deal whose quote gives 20 % off (above the approval threshold).
    const eastAccount = await accountOf(env, 'rep.east1', { name: `Journey Wuxi Gearboxes ${tag}` });
    const wonDeal = await dealOf(env, 'rep.east1', {
      name: `Gearbox line ${tag}`,
      accountId: eastAccount,
      amount: '300000',
      expectedCloseDate: today,
    });
    await env.api.must(
      'rep.east1',
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
      { input: { id: wonDeal.id, stageId: won.id } },
    );
    const discounted = await dealOf(env, 'rep.east1', {
      name: `CNC cell ${tag}`,
      accountId: eastAccount,
      expectedCloseDate: today,
    });
    await env.api.must(
      'rep.east1',
      `mutation($id: ID!, $items: [LineItemInput!]!, $v: Int!) {
        setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $v) { id }
      }`,
      { id: discounted.id, v: discounted.version, items: [{ productId, quantity: '2', discountPercent: '20' }] },
    );
    await env.api.must(
      'rep.east1',
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
      { input: { id: discounted.id, stageId: negotiation.id } },
    );
    const { createQuote: quote } = await env.api.must<{ createQuote: { id: string } }>(
      'rep.east1',
      `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
      { input: { opportunityId: discounted.id, validUntil: inDays(30) } },
    );
    await env.api.must('rep.east1', `mutation($id: ID!) { submitQuote(id: $id) { id } }`, { id: quote.id });
    // rep.east2 (same team) and rep.south1 (another team): one open deal each.
    const east2Deal = await dealOf(env, 'rep.east2', {
      name: `Press brake ${tag}`,
      accountId: await accountOf(env, 'rep.east2', { name: `Journey Ningbo Stamping ${tag}` }),
      amount: '120000',
      expectedCloseDate: today,
    });
    const southDeal = await dealOf(env, 'rep.south1', {
      name: `South-only laser cutter ${tag}`,
      accountId: await accountOf(env, 'rep.south1', { name: `Journey Foshan Metalworks ${tag}` }),
      amount: '90000',
      expectedCloseDate: today,
    });
    // The manager's quotas for the quarter: rep.east1 has closed 300,000 of 1,000,000 (30 %).
    const east1 = demoUser('rep.east1').id;
    const east2 = demoUser('rep.east2').id;
    for (const [ownerId, amount] of [
      [east1, '1000000'],
      [east2, '800000'],
    ])
      await env.api.must(
        'manager.east',
        `mutation($owner: ID!, $period: ForecastPeriodInput!, $amount: String!) {
          setQuota(ownerId: $owner, teamId: "sales-east", period: $period, amount: $amount) { id }
        }`,
        { owner: ownerId, period: { kind: 'QUARTER', start: quarterStart }, amount },
      );

    const manager = await PortalPage.signIn(env, 'manager.east', { journey: 'sales-manager' });
    open.push(manager);
    const page = manager.page;
    await manager.settled();

    // My day: the quote waiting for the manager's decision.
    const approvals = page.locator('.ant-card', { hasText: 'Quotes waiting for my approval' });
    await approvals.getByRole('link', { name: `CNC cell ${tag}` }).waitFor();
    expect(await manager.seriousAccessibilityViolations()).toEqual([]);
    await manager.screenshot('my-day');

    // The team's board (open deals): both east reps' deals, not the other team's.
    await manager.goto(`/pipeline?pipeline=${pipeline.id}`);
    for (const id of [discounted.id, east2Deal.id]) await page.locator(`[data-deal-id="${id}"]`).waitFor();
    expect(await page.locator(`[data-deal-id="${southDeal.id}"]`).count()).toBe(0);
    expect(await page.locator('#main').innerText()).not.toContain('South-only laser cutter');
    expect(await manager.seriousAccessibilityViolations()).toEqual([]);
    await manager.screenshot('team-pipeline');

    // The forecast of the quarter: the team's total and each rep's figures, quota and attainment.
    await manager.openFromMenu('/forecast');
    const rows = page.locator('.ant-table').first().locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const text = await rows.allInnerTexts();
    expect(text).toHaveLength(3);
    expect(text[0]).toContain('Team sales-east (total)');
    const east1Row = text.find((r) => r.startsWith('Emma Eastwood')) ?? '';
    expect(east1Row).toContain('CN¥300,000.00'); // closed
    expect(east1Row).toContain('CN¥1,000,000.00'); // quota
    expect(east1Row).toContain('30%'); // attainment
    const east2Row = text.find((r) => r.startsWith('Lei Wang')) ?? '';
    expect(east2Row).toContain('CN¥800,000.00');
    expect(east2Row).toContain('0%');
    expect(text.join('\n')).not.toContain('Sofia Southern');
    expect(text.join('\n')).not.toContain(east1); // named, not shown by id
    expect(await manager.seriousAccessibilityViolations()).toEqual([]);
    await manager.screenshot('team-forecast');

    // Back to My day, into the deal, approve the quote with a comment.
    await manager.goto('/');
    await approvals.getByRole('link', { name: `CNC cell ${tag}` }).click();
    await page.waitForURL((url) => url.pathname === `/opportunities/${discounted.id}`);
    await manager.settled();
    const quoteRow = page.locator('tr', { hasText: 'Awaiting approval' });
    await quoteRow.getByRole('button', { name: 'Approve' }).click();
    const decision = page.getByRole('dialog', { name: 'Approve the discount' });
    await decision.getByLabel('Comment').fill('同意：年度框架客户，20% 折扣仅限本次。');
    expect(await manager.seriousAccessibilityViolations()).toEqual([]);
    await manager.screenshot('approve');
    await decision.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Quote approved.').waitFor();
    const decided = await env.api.must<{ quote: { status: string; decisionComment: string; decidedBy: string } }>(
      'rep.east1',
      `query($id: ID!) { quote(id: $id) { status decisionComment decidedBy } }`,
      { id: quote.id },
    );
    expect(decided.quote).toMatchObject({
      status: 'APPROVED',
      decisionComment: '同意：年度框架客户，20% 折扣仅限本次。',
    });
    expect(manager.errors).toEqual([]);

    // The rep sees the approval and the comment on the deal.
    const rep = await PortalPage.signIn(env, 'rep.east1', {
      journey: 'sales-manager-rep-sees-approval',
      path: `/opportunities/${discounted.id}`,
    });
    open.push(rep);
    await rep.settled();
    const approvedRow = rep.page.locator('tr', { hasText: 'Approved' });
    await approvedRow.waitFor();
    await expect(approvedRow.innerText()).resolves.toContain('20% 折扣仅限本次');
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('rep-sees-approval');
    expect(rep.errors).toEqual([]);
  });
});
