/// <reference lib="dom" />
import { demoUser, describeWithKeycloak } from '@crm/testing';
import Decimal from 'decimal.js';
import type { Locator, Page } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';
import { accountOf, dealOf, inDays, pipelineOf, productAt, runTag, shanghaiQuarter } from './sales-fixtures';

jest.setTimeout(300_000);

const DEAL = `query($id: ID!) {
  opportunity(id: $id) {
    amount { amount currencyCode }
    lineItems { quantity discountPercent lineTotal { amount } product { code } }
    quotes { version status needsApproval maxDiscountPercent total { amount } }
  }
}`;

/** Picks an option of the antd Select labelled `label` inside `scope` by typing part of it. */
async function pick(page: Page, scope: Locator, label: string, typed: string, option: string): Promise<void> {
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  await box.pressSequentially(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** The validation message under the form field labelled `label` inside `scope`. */
function fieldError(scope: Locator, label: string): Locator {
  return scope
    .locator('.ant-form-item', { has: scope.page().getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

describeWithKeycloak(
  'deal to cash in Chromium (real stack): line items, quotes, payment plans, quotas, snapshots',
  () => {
    let env: BrowserStack;
    const open: PortalPage[] = [];
    let stages: { id: string; name: string }[];
    const tag = runTag();

    beforeAll(async () => {
      env = await startBrowserStack('deal_to_cash');
      ({ stages } = await pipelineOf(env, `Deal to cash ${tag}`, [
        { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
        { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT' },
        { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
        { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
      ]));
    }, 300_000);

    afterAll(async () => {
      await Promise.all(open.map((p) => p.close()));
      await env?.stop();
    });

    it('a rep prices a deal with line items (messy quantities refused by name), quotes it and the 20 % discount asks for approval', async () => {
      await productAt(env, `GEAR-${tag}`, '33.33', `斜齿轮 Helical gear GEAR-${tag}`);
      await productAt(env, `CNC-${tag}`, '500000.00');
      const deal = await dealOf(env, 'rep.east1', {
        name: `Gear cell ${tag}`,
        accountId: await accountOf(env, 'rep.east1', { name: `Journey Changzhou Drives ${tag}` }),
      });

      const rep = await PortalPage.signIn(env, 'rep.east1', {
        journey: 'deal-to-cash-line-items',
        path: `/opportunities/${deal.id}`,
      });
      open.push(rep);
      const page = rep.page;
      await rep.settled();
      await page.getByRole('button', { name: 'Edit line items' }).click();
      const editor = page.getByRole('dialog', { name: 'Edit line items' });
      await editor.getByRole('button', { name: 'Add a line' }).click();
      const first = editor.locator('fieldset').nth(0);
      await pick(page, first, 'Product', `GEAR-${tag}`, `GEAR-${tag}`);
      await first.getByText('List price CN¥33.33').waitFor();

      // Messy quantities: the error sits under the quantity and says which field and what it takes.
      for (const messy of ['1,5', 'abc']) {
        await first.getByLabel('Quantity', { exact: true }).fill(messy);
        await editor.getByRole('button', { name: 'Save' }).click();
        await expect(fieldError(first, 'Quantity').innerText()).resolves.toBe(
          'Quantity: a number with a decimal point, e.g. 3 or 1.5 (not 1,5)',
        );
      }
      expect(await rep.seriousAccessibilityViolations()).toEqual([]);
      await rep.screenshot('messy-quantity');
      await first.getByLabel('Quantity', { exact: true }).fill('3');

      // A second line: the machining centre at 20 % off (the approval threshold is 15 %).
      await editor.getByRole('button', { name: 'Add a line' }).click();
      const second = editor.locator('fieldset').nth(1);
      await pick(page, second, 'Product', `CNC-${tag}`, `CNC-${tag}`);
      await second.getByLabel('Quantity', { exact: true }).fill('1');
      await second.getByLabel('Discount (%)').fill('20');
      await editor.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Line items saved; the totals are recalculated.').waitFor();
      await editor.waitFor({ state: 'detached' });

      // The totals in the deal's currency, exact to the fen: 3 × 33.33 = 99.99; 500,000 − 20 % = 400,000.
      const lines = page.locator('.ant-card', { hasText: 'Line items' });
      const gearRow = lines.locator('tr', { hasText: `GEAR-${tag}` });
      await expect(gearRow.innerText()).resolves.toContain('CN¥99.99');
      await expect(lines.locator('tr', { hasText: `CNC-${tag}` }).innerText()).resolves.toContain('CN¥400,000.00');
      await expect(lines.locator('.ant-table-summary').innerText()).resolves.toContain('CN¥400,099.99');
      await expect(page.locator('.ant-descriptions').innerText()).resolves.toContain('CN¥400,099.99');
      expect(await rep.seriousAccessibilityViolations()).toEqual([]);
      await rep.screenshot('line-items');

      // A quote version from the lines; submitting it asks for a manager's approval.
      await page.getByRole('button', { name: 'New quote version' }).click();
      const newQuote = page.getByRole('dialog', { name: 'New quote version' });
      await newQuote.getByLabel('Valid until').fill(inDays(30));
      await newQuote.getByLabel('Notes').fill('含安装调试，价格有效期 30 天。');
      await newQuote.getByRole('button', { name: 'Save' }).click();
      // Either the draft is created or the dialog/toast says why: a failure names the reason, not only a timeout.
      const created = page.getByText('Quote draft created.');
      const refused = page.getByTestId('error-toast').or(newQuote.locator('.ant-form-item-explain-error, .ant-alert'));
      await created.or(refused).first().waitFor();
      if (!(await created.isVisible())) throw new Error(`quote not created: ${await refused.first().innerText()}`);
      const quotes = page.locator('.ant-card', { hasText: 'Quotes' });
      const v1 = quotes.locator('tr', { hasText: 'v1' });
      await expect(v1.innerText()).resolves.toContain('Draft');
      await v1.getByRole('button', { name: 'Submit' }).click();
      await v1.getByText('Awaiting approval').waitFor();
      await expect(v1.innerText()).resolves.toContain('CN¥400,099.99');
      expect(await rep.seriousAccessibilityViolations()).toEqual([]);
      await rep.screenshot('quote-awaiting-approval');

      const { opportunity } = await env.api.must<{
        opportunity: {
          amount: { amount: string; currencyCode: string };
          lineItems: {
            quantity: string;
            discountPercent: string;
            lineTotal: { amount: string };
            product: { code: string };
          }[];
          quotes: {
            version: number;
            status: string;
            needsApproval: boolean;
            maxDiscountPercent: string;
            total: { amount: string };
          }[];
        };
      }>('rep.east1', DEAL, { id: deal.id });
      expect(opportunity.amount.currencyCode).toBe('CNY');
      expect(new Decimal(opportunity.amount.amount).equals('400099.99')).toBe(true);
      expect(
        opportunity.lineItems.map((l) => [l.product.code, l.quantity, new Decimal(l.lineTotal.amount).toFixed(2)]),
      ).toEqual([
        [`GEAR-${tag}`, expect.stringMatching(/^3(\.0+)?$/), '99.99'],
        [`CNC-${tag}`, expect.stringMatching(/^1(\.0+)?$/), '400000.00'],
      ]);
      expect(opportunity.quotes).toEqual([
        expect.objectContaining({ version: 1, status: 'SUBMITTED', needsApproval: true }),
      ]);
      expect(new Decimal(opportunity.quotes[0].total.amount).equals('400099.99')).toBe(true);
      expect(rep.errors).toEqual([]);
    });

    it('finance builds the payment plan of a won deal (an over-sum refused naming the rule) and records a receipt', async () => {
      const productId = await productAt(env, `PRESS-${tag}`, '250000.00', `伺服压力机 Servo press PRESS-${tag}`);
      const deal = await dealOf(env, 'rep.east1', {
        name: `Servo press line ${tag}`,
        accountId: await accountOf(env, 'rep.east1', { name: `Journey Suzhou Stamping ${tag}` }),
      });
      await env.api.must(
        'rep.east1',
        `mutation($id: ID!, $items: [LineItemInput!]!, $v: Int!) {
        setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $v) { id }
      }`,
        { id: deal.id, v: deal.version, items: [{ productId, quantity: '4' }] },
      );
      const { createQuote: quote } = await env.api.must<{ createQuote: { id: string } }>(
        'rep.east1',
        `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
        { input: { opportunityId: deal.id, validUntil: inDays(30) } },
      );
      await env.api.must('rep.east1', `mutation($id: ID!) { submitQuote(id: $id) { id } }`, { id: quote.id });
      await env.api.must('rep.east1', `mutation($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
      const { createContract: contract } = await env.api.must<{ createContract: { id: string } }>(
        'rep.east1',
        `mutation($input: CreateContractInput!) { createContract(input: $input) { id } }`,
        { input: { quoteId: quote.id, startOn: inDays(0), termMonths: 12, idempotencyKey: `contract-${tag}` } },
      );
      await env.api.must(
        'rep.east1',
        `mutation($id: ID!, $on: Date!) { signContract(id: $id, signedOn: $on) { id } }`,
        {
          id: contract.id,
          on: shanghaiQuarter().today,
        },
      );
      await env.api.must(
        'rep.east1',
        `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
        { input: { id: deal.id, stageId: stages[2].id } },
      );

      const finance = await PortalPage.signIn(env, 'finance1', {
        journey: 'deal-to-cash-payment-plan',
        path: `/opportunities/${deal.id}`,
      });
      open.push(finance);
      const page = finance.page;
      await finance.settled();
      const contracts = page.locator('.ant-card', { hasText: 'Contract and payments' });
      await expect(contracts.innerText()).resolves.toContain('CN¥1,000,000.00');
      await contracts.getByRole('button', { name: 'Edit payment plan' }).click();
      const editor = page.getByRole('dialog', { name: 'Edit the payment plan' });
      // Two instalments: 30 % now, and a second one typed 100,000 too high.
      await editor.getByRole('button', { name: 'Add an instalment' }).click();
      await editor.getByLabel('Instalment 1 due on').fill(inDays(30));
      await editor.getByLabel('Instalment 1 amount (CNY)').fill('300000');
      await editor.getByRole('button', { name: 'Add an instalment' }).click();
      await expect(editor.getByLabel('Instalment 2 amount (CNY)').inputValue()).resolves.toBe('700000');
      await editor.getByLabel('Instalment 2 due on').fill(inDays(120));
      await editor.getByLabel('Instalment 2 amount (CNY)').fill('800000');
      await editor
        .getByTestId('plan-remainder')
        .getByText('The instalments are CN¥100,000.00 above the contract value.')
        .waitFor();
      await editor.getByRole('button', { name: 'Save' }).click();
      const refusal = fieldError(editor, 'Instalment 2 amount (CNY)');
      await refusal.waitFor();
      await expect(refusal.innerText()).resolves.toBe(
        'The instalments may add up to at most the contract value CN¥1,000,000.00: up to instalment 2 they come to CN¥1,100,000.00, CN¥100,000.00 too much.',
      );
      expect(await finance.seriousAccessibilityViolations()).toEqual([]);
      await finance.screenshot('plan-over-contract-value');
      const unchanged = await env.api.must<{ contract: { paymentPlan: { version: number; instalments: unknown[] } } }>(
        'finance1',
        `query($id: ID!) { contract(id: $id) { paymentPlan { version instalments { id } } } }`,
        { id: contract.id },
      );
      expect(unchanged.contract.paymentPlan).toEqual({ version: 0, instalments: [] });

      await editor.getByLabel('Instalment 2 amount (CNY)').fill('700000');
      await editor.getByTestId('plan-remainder').getByText('The instalments add up to the contract value.').waitFor();
      await editor.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Payment plan saved.').waitFor();
      await editor.waitFor({ state: 'detached' });
      await contracts.getByText('Planned CN¥1,000,000.00, not yet planned CN¥0.00.').waitFor();

      // A receipt against the first instalment, to the fen.
      const instalment1 = contracts.locator('tr', { hasText: 'CN¥300,000.00' }).first();
      await instalment1.getByRole('button', { name: 'Record a receipt' }).click();
      const receipt = page.getByRole('dialog', { name: 'Record a receipt' });
      await receipt.getByLabel('Amount received (outstanding CN¥300,000.00)').fill('120000.50');
      await receipt.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Receipt recorded.').waitFor();
      await receipt.waitFor({ state: 'detached' });
      const paidRow = contracts.locator('tr', { hasText: 'CN¥120,000.50' }).first();
      await expect(paidRow.innerText()).resolves.toContain('CN¥179,999.50');
      await expect(paidRow.innerText()).resolves.toContain('Partly paid');
      expect(await finance.seriousAccessibilityViolations()).toEqual([]);
      await finance.screenshot('receipt-recorded');

      // The receivable of the account: 1,000,000 planned, 120,000.50 received.
      const accountId = (
        await env.api.must<{ opportunity: { accountId: string } }>(
          'finance1',
          `query($id: ID!) { opportunity(id: $id) { accountId } }`,
          {
            id: deal.id,
          },
        )
      ).opportunity.accountId;
      const { receivables } = await env.api.must<{
        receivables: { total: { due: { amount: string }; overdue: { amount: string } }; lines: { totalCount: number } };
      }>(
        'finance1',
        `query($f: ReceivablesFilter) { receivables(filter: $f) { total { due { amount } overdue { amount } } lines { totalCount } } }`,
        { f: { accountId } },
      );
      expect(new Decimal(receivables.total.due.amount).equals('879999.50')).toBe(true);
      expect(new Decimal(receivables.total.overdue.amount).isZero()).toBe(true);
      expect(receivables.lines.totalCount).toBe(2);
      expect(finance.errors).toEqual([]);
    });

    it('a manager sets a quota and compares a forecast snapshot with now; a rep is not offered quotas', async () => {
      const { today, quarterStart } = shanghaiQuarter();
      const period = { kind: 'QUARTER', start: quarterStart };
      const east2 = demoUser('rep.east2').id;
      const press = await dealOf(env, 'rep.east2', {
        name: `Press brake ${tag}`,
        accountId: await accountOf(env, 'rep.east2', { name: `Journey Ningbo Bending ${tag}` }),
        amount: '120000',
        expectedCloseDate: today,
      });

      const manager = await PortalPage.signIn(env, 'manager.east', { journey: 'deal-to-cash-quota-snapshot' });
      open.push(manager);
      const page = manager.page;
      await manager.openFromMenu('/forecast');
      const quotas = page.locator('.ant-card', { hasText: 'Quotas (' });
      await quotas.getByRole('button', { name: 'Set quota' }).click();
      const setQuota = page.getByRole('dialog', { name: /Set a quota in team sales-east/ });
      await pick(page, setQuota, 'Rep', 'Lei', 'Lei Wang');
      await setQuota.getByLabel('Quota (CNY)').fill('750000');
      expect(await manager.seriousAccessibilityViolations()).toEqual([]);
      await manager.screenshot('set-quota');
      await setQuota.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Quota saved.').waitFor();
      await expect(quotas.locator('tr', { hasText: 'Lei Wang' }).innerText()).resolves.toContain('CN¥750,000.00');
      const { quotas: stored } = await env.api.must<{ quotas: { edges: { node: { amount: { amount: string } } }[] } }>(
        'manager.east',
        `query($owner: ID, $period: ForecastPeriodInput) { quotas(ownerId: $owner, teamId: "sales-east", period: $period) { edges { node { amount { amount } } } } }`,
        { owner: east2, period },
      );
      expect(stored.edges.map((e) => new Decimal(e.node.amount.amount).toFixed(2))).toEqual(['750000.00']);

      // A snapshot now; then the rep moves the press brake into commit; the comparison shows the change.
      const snapshots = page.locator('.ant-card', { hasText: 'Snapshots (' });
      await snapshots.getByRole('button', { name: 'Record snapshot' }).click();
      await page.getByText('Snapshot recorded.').waitFor();
      await snapshots.getByText('Snapshots (1)').waitFor();
      await env.api.must(
        'rep.east2',
        `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id } }`,
        { input: { id: press.id, stageId: stages[1].id } },
      );
      // The API has the press brake in Lei Wang's commit now.
      const { forecast } = await env.api.must<{
        forecast: { reps: { ownerId: string; figures: { commit: { amount: string } } }[] };
      }>(
        'manager.east',
        `query($period: ForecastPeriodInput!) { forecast(period: $period, scope: { teamId: "sales-east" }) { reps { ownerId figures { commit { amount } } } } }`,
        { period },
      );
      const leiNow = forecast.reps.find((r) => r.ownerId === east2);
      expect(new Decimal(leiNow?.figures.commit.amount ?? '0').equals('120000')).toBe(true);
      await snapshots.getByRole('button', { name: 'Compare with now' }).click();
      const comparison = page.getByRole('dialog', { name: /compared with now/ });
      const lei = comparison.locator('tr', { hasText: 'Lei Wang' });
      await lei.getByText('was CN¥0.00 (+CN¥120,000.00)').first().waitFor();
      expect(await manager.seriousAccessibilityViolations()).toEqual([]);
      await manager.screenshot('compare-snapshot');
      expect(manager.errors).toEqual([]);

      // A rep: the forecast offers no quota setting, says who sets them, and the API refuses the hidden action.
      const rep = await PortalPage.signIn(env, 'rep.east2', { journey: 'deal-to-cash-rep-quotas', path: '/forecast' });
      open.push(rep);
      await rep.settled();
      const repQuotas = rep.page.locator('.ant-card', { hasText: 'Quotas (' });
      await repQuotas.getByText('Quotas are set by the team’s sales managers.').waitFor();
      expect(await rep.page.getByRole('button', { name: 'Set quota' }).count()).toBe(0);
      await expect(repQuotas.innerText()).resolves.toContain('CN¥750,000.00');
      expect(await rep.seriousAccessibilityViolations()).toEqual([]);
      await rep.screenshot('rep-forecast');
      const refused = await env.api.gql(
        'rep.east2',
        `mutation($owner: ID!, $period: ForecastPeriodInput!) { setQuota(ownerId: $owner, teamId: "sales-east", period: $period, amount: "1") { id } }`,
        { owner: east2, period },
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(rep.errors).toEqual([]);
    });
  },
);
