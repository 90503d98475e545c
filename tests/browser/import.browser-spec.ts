/// <reference lib="dom" />
import { describeWithKeycloak } from '@crm/testing';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';

jest.setTimeout(240_000);

/** A spreadsheet as a sales team exports it: Chinese headers, a bad grade, a repeated row, a known customer. */
const messyCsv = [
  '公司名称,联系电话,手机,客户等级,备注',
  '杭州导入测试甲有限公司,0571-86001234,13900139001,A,展会',
  '杭州导入测试乙有限公司,0571-86001235,,Z,官网',
  '杭州导入测试甲有限公司,0571-86001234,13900139001,A,展会',
  '深圳已存在科技有限公司,0755-86009999,,B,老客户',
].join('\n');

describeWithKeycloak('CSV import wizard in Chromium (real customer service through the portal origin)', () => {
  let env: BrowserStack;
  let portal: PortalPage | undefined;

  beforeAll(async () => {
    env = await startBrowserStack('import');
    await env.api.must(
      'admin1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: { account: { name: '深圳已存在科技有限公司', phones: ['+86 755 8600 9999'] } },
      },
    );
  }, 300_000);

  afterAll(async () => {
    await portal?.close();
    await env?.stop();
  });

  it('an admin maps a messy Chinese CSV, sees the dry run refuse the bad row and count the duplicates, then applies it', async () => {
    portal = await PortalPage.signIn(env, 'admin1', { journey: 'import', path: '/import' });
    const { page } = portal;
    await portal.settled();
    await page.setInputFiles('input[type=file]', {
      name: '客户导入.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(messyCsv, 'utf8'),
    });

    // The customer service matched the Chinese headers; the admin sees each column's field and first values.
    const fieldOf = (header: string) =>
      page.getByLabel(`Field for column ${header}`).locator('xpath=ancestor::*[contains(@class,"ant-select")][1]');
    await fieldOf('公司名称').waitFor();
    await expect(fieldOf('公司名称').innerText()).resolves.toContain('Company name');
    await expect(fieldOf('手机').innerText()).resolves.toContain('Phone');
    await expect(fieldOf('客户等级').innerText()).resolves.toContain('Grade');
    await expect(fieldOf('备注').innerText()).resolves.toContain('Notes');
    await portal.screenshot('mapping');
    expect(await portal.seriousAccessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run the check' }).click();
    await page.getByRole('heading', { name: 'Check result: nothing was saved' }).waitFor({ timeout: 60_000 });
    const count = (title: string) =>
      page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content').innerText();
    await expect(count('Rows read')).resolves.toBe('4');
    await expect(count('Would be created')).resolves.toBe('1');
    await expect(count('Duplicates skipped')).resolves.toBe('1');
    await expect(count('Unchanged')).resolves.toBe('1');
    await expect(count('Refused')).resolves.toBe('1');
    // The refused row, by its spreadsheet row number, the file's own column name and the rule it broke.
    const refused = page.getByRole('row').filter({ hasText: '客户等级' });
    await expect(refused.innerText()).resolves.toMatch(/3\s+客户等级\s+"Z" is not a grade/);
    await portal.screenshot('dry-run');
    expect(await portal.seriousAccessibilityViolations()).toEqual([]);
    // A dry run saves nothing.
    const search = `query($s: String) { accounts(search: $s, first: 5) { edges { node { id name } } } }`;
    type Found = { accounts: { edges: { node: { id: string; name: string } }[] } };
    await expect(env.api.must<Found>('admin1', search, { s: '杭州导入测试' })).resolves.toEqual({
      accounts: { edges: [] },
    });

    await page.getByRole('button', { name: 'Import the valid rows, skip the refused ones' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    await expect(page.getByText(/Saved: 1 new, 0 updated, 1 skipped, 1 refused/).count()).resolves.toBe(1);
    await portal.screenshot('applied');
    const after = await env.api.must<Found>('admin1', search, { s: '杭州导入测试' });
    expect(after.accounts.edges.map((e) => e.node.name)).toEqual(['杭州导入测试甲有限公司']);
    expect(portal.errors).toEqual([]);
  });
});
