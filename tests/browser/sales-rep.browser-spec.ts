/// <reference lib="dom" />
import { demoUser, describeWithKeycloak } from '@crm/testing';
import type { Locator, Page } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';
import { accountOf, inDays, pipelineOf, runTag } from './sales-fixtures';

jest.setTimeout(240_000);

const DEAL = `query($id: ID!) { opportunity(id: $id) { accountId stage { id } amount { amount } expectedCloseDate nextStep } }`;
const LEAD = `query($id: ID!) { lead(id: $id) { status ownerId convertedAccountId convertedOpportunityId } }`;

interface DealState {
  accountId: string;
  stage: { id: string };
  amount: { amount: string };
  expectedCloseDate: string | null;
  nextStep: string | null;
}

/** Drags with the real mouse: press on the handle, travel in steps (dnd-kit starts after 6 px), release on the column. */
async function dragWithMouse(page: Page, handle: Locator, target: Locator): Promise<void> {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('the handle or the column is not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
  await page.mouse.up();
}

/** The labels of the form fields a dialog asks for. */
async function fieldLabels(dialog: Locator): Promise<string[]> {
  return (await dialog.locator('.ant-form-item-label label').allInnerTexts()).map((t) => t.trim());
}

describeWithKeycloak('a rep works leads and deals in Chromium (real stack)', () => {
  let env: BrowserStack;
  let rep: PortalPage | undefined;

  beforeAll(async () => {
    env = await startBrowserStack('sales_rep');
  }, 240_000);

  afterAll(async () => {
    await rep?.close();
    await env?.stop();
  });

  it('converts a lead into a deal on the existing account, then moves it by mouse and by keyboard, filling what each stage asks for', async () => {
    const tag = runTag();
    const pipeline = await pipelineOf(env, `Journey industrial ${tag}`, [
      { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
      {
        name: 'Discovery',
        kind: 'OPEN',
        probability: '30',
        forecastCategory: 'PIPELINE',
        entryCriteria: ['amount', 'expectedCloseDate'],
      },
      { name: 'Proposal', kind: 'OPEN', probability: '60', forecastCategory: 'BEST_CASE', entryCriteria: ['nextStep'] },
      { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ]);
    const [qualification, discovery, proposal] = pipeline.stages;
    // The rep's existing account, and a lead from the same company (same email) a manager hands to the rep.
    const company = `Journey Precision Castings ${tag}`;
    const email = `purchasing-${tag}@castings.example.cn`;
    const accountId = await accountOf(env, 'rep.east1', { name: company, emails: [email] });
    const { createLead: lead } = await env.api.must<{ createLead: { id: string } }>(
      'manager.east',
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`,
      { input: { companyName: company, personName: 'Zhang Wei', title: 'Purchasing manager', email } },
    );
    const repId = demoUser('rep.east1').id;
    await env.api.must(
      'manager.east',
      `mutation($id: ID!, $owner: ID!) { assignLead(id: $id, ownerId: $owner, teamId: "sales-east") { id } }`,
      {
        id: lead.id,
        owner: repId,
      },
    );

    rep = await PortalPage.signIn(env, 'rep.east1', { journey: 'sales-rep-lead-to-stage', path: '/leads' });
    const page = rep.page;
    await rep.settled();
    const row = page.locator('tr', { hasText: company });
    await row.waitFor();
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('leads');

    // Qualify from the row's menu; the row then offers the conversion.
    await row.getByRole('button', { name: `Actions for ${company}` }).click();
    await page.getByRole('menuitem', { name: 'Mark qualified' }).click();
    await page.getByText('Lead qualified: it can be converted now.').waitFor();
    await row.getByRole('button', { name: 'Convert', exact: true }).click();

    // The duplicate choice: the rep's own account, matched on its email; the rep picks it and names the deal.
    const dialog = page.getByRole('dialog', { name: `Convert ${company}` });
    await dialog.getByText('An account like this exists already.', { exact: false }).waitFor();
    const existing = dialog.getByRole('radio', { name: `Use ${company}` });
    const option = dialog.locator('label.ant-radio-wrapper', { hasText: `Use ${company}` });
    await expect(option.innerText()).resolves.toContain('same email');
    await existing.check();
    // Choosing the existing account removes the new-account fields (after React re-renders: wait, do not sample).
    await dialog.getByLabel('New account name').waitFor({ state: 'detached', timeout: 10_000 });
    await dialog.getByLabel('Deal name').fill(`Die-casting cell ${tag}`);
    await dialog.getByLabel('Deal amount (CNY)').fill('480000');
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('convert-duplicate-choice');
    await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/opportunities/'));
    const dealId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await rep.settled();
    const converted = await env.api.must<{
      lead: { status: string; ownerId: string; convertedAccountId: string; convertedOpportunityId: string };
    }>('rep.east1', LEAD, { id: lead.id });
    expect(converted.lead).toEqual({
      status: 'CONVERTED',
      ownerId: repId,
      convertedAccountId: accountId,
      convertedOpportunityId: dealId,
    });
    const dealState = async (): Promise<DealState> =>
      (await env.api.must<{ opportunity: DealState }>('rep.east1', DEAL, { id: dealId })).opportunity;
    expect(await dealState()).toMatchObject({ accountId, stage: { id: qualification.id }, expectedCloseDate: null });

    // The board: the new deal in the first column.
    await rep.goto(`/pipeline?pipeline=${pipeline.id}`);
    const column = (stageId: string): Locator => page.locator(`[data-kanban-column="${stageId}"]`);
    const card = page.locator(`[data-deal-id="${dealId}"]`);
    await column(qualification.id).locator(`[data-deal-id="${dealId}"]`).waitFor();
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('board');
    const handle = card.getByRole('button', { name: /^Move Die-casting cell .* \(Space to pick up/ });

    // Mouse: dragged onto Discovery, which needs an amount (given) and an expected close date (missing).
    await dragWithMouse(page, handle, column(discovery.id));
    const discoveryForm = page.getByRole('dialog', { name: 'Discovery needs more details' });
    await discoveryForm.waitFor();
    expect(await fieldLabels(discoveryForm)).toEqual(['Expected close date']);
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('missing-close-date');
    const closeOn = inDays(45);
    await discoveryForm.getByLabel('Expected close date').fill(closeOn);
    await discoveryForm.getByRole('button', { name: 'Save and move' }).click();
    await page.getByText(`Die-casting cell ${tag} moved to Discovery.`).waitFor();
    await column(discovery.id).locator(`[data-deal-id="${dealId}"]`).waitFor();
    expect(await dealState()).toMatchObject({ stage: { id: discovery.id }, expectedCloseDate: closeOn });

    // Keyboard: Space picks the card up, the right arrow goes to Proposal, Space drops it; Proposal needs a next step.
    // dnd-kit listens for the arrows once the card is picked up: its live region (what a screen reader says) tells when.
    const announced = (text: string) => page.getByText(text, { exact: true }).waitFor({ state: 'attached' });
    // The closed form hands the focus back when its animation ends: only then is the handle focused for good.
    await discoveryForm.waitFor({ state: 'hidden' });
    await rep.settled();
    await handle.focus();
    await page.keyboard.press('Space');
    await announced(`Die-casting cell ${tag} is over Discovery.`);
    // dnd-kit starts listening for arrows a tick after the pick-up: an arrow the card did not follow is pressed again.
    const overProposal = page.getByText(`Die-casting cell ${tag} is over Proposal.`, { exact: true });
    for (let attempt = 0; attempt < 5 && !(await overProposal.count()); attempt++) {
      await page.keyboard.press('ArrowRight');
      await overProposal.waitFor({ state: 'attached', timeout: 1_000 }).catch(() => undefined);
    }
    await announced(`Die-casting cell ${tag} is over Proposal.`);
    await page.keyboard.press('Space');
    const proposalForm = page.getByRole('dialog', { name: 'Proposal needs more details' });
    await proposalForm.waitFor();
    expect(await fieldLabels(proposalForm)).toEqual(['Next step']);
    await proposalForm.getByLabel('Next step').fill('Site visit at the Suzhou plant');
    await proposalForm.getByLabel('Next step').press('Enter');
    await page.getByText(`Die-casting cell ${tag} moved to Proposal.`).waitFor();
    await column(proposal.id).locator(`[data-deal-id="${dealId}"]`).waitFor();
    expect(await dealState()).toMatchObject({
      stage: { id: proposal.id },
      nextStep: 'Site visit at the Suzhou plant',
      amount: { amount: '480000.00' },
    });
    await rep.settled();
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('moved-to-proposal');
    expect(rep.errors).toEqual([]);
  });
});
