import type { ImportReport } from '../src/import/import-report';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

describe('imports respect row-level access', () => {
  let h: CustomerHarness;
  let eastAccountId: string;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_import_access');
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name: '东区专属客户有限公司' } } },
      'rep.east1',
    );
    eastAccountId = created.data!.createAccount.account.id;
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function post(path: string, csv: string, as: string): Promise<{ status: number; report: ImportReport }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token(as)}` },
      body: csv,
    });
    return { status: res.status, report: (await res.json()) as ImportReport };
  }

  it("a rep cannot add contacts to another team's account, and learns nothing about it", async () => {
    const { report } = await post(
      '/imports/contacts?dryRun=false',
      `account_id,name,email\n${eastAccountId},Spy,spy@example.com\n`,
      'rep.south1',
    );
    expect(report).toMatchObject({ created: 0, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'account_id' });
    expect(report.errors[0].reason).toMatch(/no account with id/);
    const contacts = await h.app.dataSource.query('SELECT count(*)::int AS n FROM contacts');
    expect(contacts[0].n).toBe(0);
  });

  it('the owner imports contacts into their own account', async () => {
    const { report } = await post(
      '/imports/contacts?dryRun=false',
      `account_id,name,email\n${eastAccountId},张三,zhangsan@example.com\n`,
      'rep.east1',
    );
    expect(report).toMatchObject({ created: 1, failed: 0 });
  });

  it("a rep cannot import accounts for another owner; rows without an owner become the rep's own", async () => {
    const other = await h.userId('rep.east2');
    const me = await h.userId('rep.east1');
    const { report } = await post(
      '/imports/accounts?dryRun=false',
      `name,owner_id\nGiven Away Ltd,${other}\nMine Ltd,\n`,
      'rep.east1',
    );
    expect(report).toMatchObject({ created: 1, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'owner_id' });
    const [mine] = await h.app.dataSource.query(`SELECT owner_id, team_id FROM accounts WHERE name = 'Mine Ltd'`);
    expect(mine).toEqual({ owner_id: me, team_id: 'sales-east' });
  });

  it('auditors and service agents may not import at all', async () => {
    expect((await post('/imports/accounts?dryRun=true', 'name\nX Ltd\n', 'auditor1')).status).toBe(403);
    expect((await post('/imports/contacts?dryRun=true', 'name\nX\n', 'agent1')).status).toBe(403);
  });

  it('every imported account and contact is in the audit log', async () => {
    const rows = await h.app.dataSource.query(
      `SELECT action, entity_type FROM audit_log WHERE action LIKE '%import%' ORDER BY seq`,
    );
    expect(rows).toEqual([
      { action: 'contact.import_create', entity_type: 'contact' },
      { action: 'account.import_create', entity_type: 'account' },
    ]);
  });

  it('a sales manager imports only into their own team, as createAccount allows: other rows name the column and rule', async () => {
    const southRep = await h.userId('rep.south1');
    const eastRep = await h.userId('rep.east1');
    const { status, report } = await post(
      '/imports/accounts?dryRun=false',
      [
        'name,owner_id,team_id',
        'Into South Ltd,,sales-south',
        `For South Rep Ltd,${southRep},sales-south`,
        `For East Rep Ltd,${eastRep},`,
        'East Pool Ltd,,',
      ].join('\n'),
      'manager.east',
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({ created: 2, failed: 2 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'team_id', rule: 'team_membership' }),
      expect.objectContaining({ row: 3, field: 'owner_id', rule: 'owner_requires_team_manager' }),
    ]);
    expect(report.errors[0].reason).toMatch(/not in team sales-south/);
    const rows = await h.app.dataSource.query(
      `SELECT name, owner_id, team_id FROM accounts WHERE name IN ('Into South Ltd', 'For South Rep Ltd',
         'For East Rep Ltd', 'East Pool Ltd') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'East Pool Ltd', owner_id: null, team_id: 'sales-east' },
      { name: 'For East Rep Ltd', owner_id: eastRep, team_id: 'sales-east' },
    ]);
  });

  it('a rep cannot import accounts into a team they are not in', async () => {
    const { report } = await post(
      '/imports/accounts?dryRun=false',
      'name,team_id\nSouthern Ltd,sales-south\n',
      'rep.east1',
    );
    expect(report).toMatchObject({ created: 0, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: 'team_id', rule: 'team_membership' });
  });
});
