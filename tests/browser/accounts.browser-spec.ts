/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { describeWithKeycloak } from '@crm/testing';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';

jest.setTimeout(240_000);

const CREATE = `mutation ($account: AccountInput!) {
  createAccount(input: { account: $account, duplicatePolicy: OVERRIDE }) { account { id name } }
}`;

/** An account owned by `owner` (created as them through the gateway), with a contact point nobody else has. */
async function accountOf(env: BrowserStack, owner: string, name: string): Promise<{ id: string; email: string }> {
  const email = `journey-${randomUUID().slice(0, 8)}@example.com`;
  const created = await env.api.must<{ createAccount: { account: { id: string } } }>(owner, CREATE, {
    account: { name, emails: [email], grade: 'A', lifecycleStage: 'PROSPECT' },
  });
  return { id: created.createAccount.account.id, email };
}

describeWithKeycloak('accounts in Chromium (real gateway, services and Keycloak)', () => {
  let env: BrowserStack;
  const open: PortalPage[] = [];

  beforeAll(async () => {
    env = await startBrowserStack('accounts');
  }, 240_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('a rep creates an account, sees the duplicate warning, opens the existing one and logs a follow-up', async () => {
    const existing = await accountOf(env, 'rep.east1', `Journey Bearing Works ${randomUUID().slice(0, 6)}`);
    const rep = await PortalPage.signIn(env, 'rep.east1', {
      journey: 'account-duplicate-follow-up',
      path: '/accounts',
    });
    open.push(rep);
    await rep.settled();
    const page = rep.page;

    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Name').fill('Journey Bearing Works (Shanghai)');
    await page.getByRole('textbox', { name: 'Email 1', exact: true }).fill(existing.email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This account may already exist').waitFor();
    expect(await page.getByText('Nothing was created.', { exact: false }).count()).toBe(1);
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('duplicate-warning');

    // The user picks the existing account instead of creating a second one.
    await page.getByRole('dialog', { name: 'New account' }).locator(`a[href="/accounts/${existing.id}"]`).click();
    await page.waitForURL((url) => url.pathname === `/accounts/${existing.id}`);
    await rep.settled();

    // Two clicks: open the form (kind, subject and the grade-A follow-up in 7 days are preset), log it.
    await page.getByRole('button', { name: 'Log activity' }).click();
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByText('Activity logged.').waitFor();
    const timeline = page.locator('.ant-timeline');
    await timeline.getByText('Call: Follow-up call').waitFor();
    await expect(timeline.locator('.ant-timeline-item').first().innerText()).resolves.toContain('Call: Follow-up call');
    const logged = await env.api.must<{
      account: { activities: { edges: { node: { subject: string; nextFollowUpAt: string | null } }[] } };
    }>(
      'rep.east1',
      `query ($id: ID!) { account(id: $id) { activities(first: 1) { edges { node { subject nextFollowUpAt } } } } }`,
      {
        id: existing.id,
      },
    );
    const activity = logged.account.activities.edges[0].node;
    expect(activity.subject).toBe('Follow-up call');
    const days = (Date.parse(activity.nextFollowUpAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6);
    expect(days).toBeLessThan(8);
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('follow-up-logged');
    expect(rep.errors).toEqual([]);
  });

  it("a rep cannot see another team's account, even by typing its URL, and can ask for access", async () => {
    const name = `Journey South Only ${randomUUID().slice(0, 6)}`;
    const south = await accountOf(env, 'rep.south1', name);
    const rep = await PortalPage.signIn(env, 'rep.east1', { journey: 'account-no-access', path: '/accounts' });
    open.push(rep);
    await rep.settled();
    const page = rep.page;

    // Not in the list, even searched for by name.
    await page.getByLabel('Search accounts').first().fill(name);
    await page.getByRole('button', { name: 'Search' }).first().click();
    await rep.settled();
    await page.getByText('No account matches.', { exact: false }).waitFor();

    // Typed URL: the no-access page, never the data.
    await rep.goto(`/accounts/${south.id}`);
    await page.getByText('You cannot open this').waitFor();
    expect(await page.locator('#main').innerText()).not.toContain(name);
    expect(await page.locator('#main').innerText()).not.toContain(south.email);
    expect(await rep.seriousAccessibilityViolations()).toEqual([]);
    await rep.screenshot('no-access');

    await page.getByRole('button', { name: 'Request access' }).click();
    await page.getByLabel('Why you need it').fill('Joint bid for their Shanghai plant');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Request sent.', { exact: false }).waitFor();
    const requests = await env.api.must<{
      myAccessRequests: { edges: { node: { accountId: string; status: string } }[] };
    }>('rep.east1', `{ myAccessRequests(first: 50) { edges { node { accountId status } } } }`);
    expect(requests.myAccessRequests.edges.map((e) => e.node)).toContainEqual({
      accountId: south.id,
      status: 'PENDING',
    });
    await rep.screenshot('access-requested');
    expect(rep.errors).toEqual([]);
  });
});
