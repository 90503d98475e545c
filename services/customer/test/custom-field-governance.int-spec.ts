import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const DEFINE = `mutation($i: CustomFieldDefinitionInput!) { defineCustomField(input: $i) { id key archivedAt } }`;
const ARCHIVE = `mutation($id: ID!) { archiveCustomField(id: $id) { id key archivedAt } }`;
const UNARCHIVE = `mutation($id: ID!) { unarchiveCustomField(id: $id) { id key archivedAt } }`;
const LIST = `query($all: Boolean) {
  customFieldDefinitions(objectType: ACCOUNT, includeArchived: $all, first: 200) { edges { node { key archivedAt } } }
}`;

interface Listed<T> {
  customFieldDefinitions: { edges: { node: T }[] };
}
const nodes = <T>(data: Listed<T> | undefined): T[] => data!.customFieldDefinitions.edges.map((e) => e.node);
const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id customFields } } }`;
const UPDATE = `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { customFields } }`;
const READ = `query($id: ID!) { account(id: $id) { customFields } }`;

// Every demo user without crm-admin: one per other realm role.
const nonAdmins = ['rep.east1', 'manager.east', 'agent1', 'service.manager', 'finance1', 'auditor1'];

describe('custom field governance', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_custom_field_governance');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const define = async (i: Record<string, unknown>) => {
    const res = await h.graphql<{ defineCustomField: { id: string } }>(DEFINE, { i: { objectType: 'ACCOUNT', ...i } });
    expect(res.errors).toBeUndefined();
    return res.data!.defineCustomField.id;
  };
  const auditActions = async (entityId: string) =>
    (
      (await h.app.dataSource.query(`SELECT action, actor_id FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [
        entityId,
      ])) as { action: string; actor_id: string }[]
    ).map((row) => row.action);

  it('lets only crm-admin define a field: every other role is FORBIDDEN and nothing is defined', async () => {
    for (const user of nonAdmins) {
      const res = await h.graphql(
        DEFINE,
        { i: { objectType: 'ACCOUNT', key: 'must_have', label: 'Must have', type: 'TEXT', required: true } },
        user,
      );
      expect([user, res.errors?.[0].extensions?.code]).toEqual([user, 'FORBIDDEN']);
    }
    const list = await h.graphql<Listed<{ key: string }>>(LIST, {});
    expect(nodes(list.data).map((d) => d.key)).not.toContain('must_have');
    const created = await h.graphql(CREATE, { input: { account: { name: 'Still Creatable Co' } } }, 'rep.east1');
    expect(created.errors).toBeUndefined();
  });

  it('lets only crm-admin archive, unarchive and list archived fields', async () => {
    const id = await define({ key: 'guarded', label: 'Guarded', type: 'TEXT' });
    for (const user of nonAdmins) {
      for (const mutation of [ARCHIVE, UNARCHIVE]) {
        const res = await h.graphql(mutation, { id }, user);
        expect([user, res.errors?.[0].extensions?.code]).toEqual([user, 'FORBIDDEN']);
      }
      const list = await h.graphql(LIST, { all: true }, user);
      expect([user, list.errors?.[0].extensions?.code]).toEqual([user, 'FORBIDDEN']);
    }
    const listed = await h.graphql<Listed<{ key: string; archivedAt: string | null }>>(LIST, {});
    expect(nodes(listed.data)).toContainEqual({ key: 'guarded', archivedAt: null });
  });

  it('audits define, archive and unarchive with the admin who did it', async () => {
    const id = await define({ key: 'audited_field', label: 'Audited', type: 'NUMBER', min: 0 });
    expect((await h.graphql(ARCHIVE, { id })).errors).toBeUndefined();
    expect((await h.graphql(ARCHIVE, { id })).errors).toBeUndefined();
    expect((await h.graphql(UNARCHIVE, { id })).errors).toBeUndefined();
    expect(await auditActions(id)).toEqual(['custom_field.define', 'custom_field.archive', 'custom_field.unarchive']);
    const [row] = (await h.app.dataSource.query(
      `SELECT actor_id, details FROM audit_log WHERE entity_id = $1 AND action = 'custom_field.define'`,
      [id],
    )) as { actor_id: string; details: Record<string, unknown> }[];
    expect(row).toEqual({
      actor_id: await h.userId('admin1'),
      details: { objectType: 'account', key: 'audited_field' },
    });
  });

  it('an archived required field is no longer required, validated or listed', async () => {
    const id = await define({ key: 'region_code', label: 'Region code', type: 'TEXT', required: true, maxLength: 3 });
    const refused = await h.graphql(CREATE, { input: { account: { name: 'Needs Region Co' } } }, 'rep.east1');
    expect(refused.errors?.[0].extensions?.field).toBe('input.account.customFields.region_code');

    const archived = await h.graphql<{ archiveCustomField: { archivedAt: string | null } }>(ARCHIVE, { id });
    expect(archived.data!.archiveCustomField.archivedAt).toEqual(expect.any(String));
    const created = await h.graphql(CREATE, { input: { account: { name: 'Needs Region Co' } } }, 'rep.east1');
    expect(created.errors).toBeUndefined();

    const listed = await h.graphql<Listed<{ key: string }>>(LIST, {});
    expect(nodes(listed.data).map((d) => d.key)).not.toContain('region_code');
    const all = await h.graphql<Listed<{ key: string; archivedAt: string | null }>>(LIST, { all: true });
    expect(nodes(all.data)).toContainEqual({ key: 'region_code', archivedAt: expect.any(String) });
    expect((await h.graphql(UNARCHIVE, { id })).errors).toBeUndefined();
    const againRefused = await h.graphql(CREATE, { input: { account: { name: 'Needs Region Co 2' } } }, 'rep.east1');
    expect(againRefused.errors?.[0].extensions?.field).toBe('input.account.customFields.region_code');
    expect((await h.graphql(ARCHIVE, { id })).errors).toBeUndefined();
  });

  it('keeps the values of an archived field through edits, and they reappear on unarchive', async () => {
    const erpId = await define({ key: 'erp_ref', label: 'ERP ref', type: 'TEXT' });
    await define({ key: 'tier', label: 'Tier', type: 'SELECT', options: ['gold', 'silver'] });
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      CREATE,
      { input: { account: { name: 'Kept Values Co', customFields: { erp_ref: 'ERP-1', tier: 'gold' } } } },
      'rep.east1',
    );
    const accountId = created.data!.createAccount.account.id;
    expect((await h.graphql(ARCHIVE, { id: erpId })).errors).toBeUndefined();

    const read = await h.graphql<{ account: { customFields: Record<string, unknown> } }>(READ, { id: accountId });
    expect(read.data!.account.customFields).toEqual({ erp_ref: 'ERP-1', tier: 'gold' });
    const edited = await h.graphql<{ updateAccount: { customFields: Record<string, unknown> } }>(
      UPDATE,
      { input: { id: accountId, account: { customFields: { tier: 'silver' } } } },
      'rep.east1',
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateAccount.customFields).toEqual({ erp_ref: 'ERP-1', tier: 'silver' });
    const writeArchived = await h.graphql(
      UPDATE,
      { input: { id: accountId, account: { customFields: { erp_ref: 'ERP-2' } } } },
      'rep.east1',
    );
    expect(writeArchived.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.account.customFields.erp_ref',
      violations: [expect.objectContaining({ rule: 'archived' })],
    });

    expect((await h.graphql(UNARCHIVE, { id: erpId })).errors).toBeUndefined();
    const back = await h.graphql<{ account: { customFields: Record<string, unknown> } }>(READ, { id: accountId });
    expect(back.data!.account.customFields).toEqual({ erp_ref: 'ERP-1', tier: 'silver' });
  });

  it('refuses a pattern RE2 cannot run, naming the field and the rule', async () => {
    const res = await h.graphql(DEFINE, {
      i: { objectType: 'ACCOUNT', key: 'twice', label: 'Twice', type: 'TEXT', pattern: '(\\w)\\1' },
    });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.pattern',
      violations: [expect.objectContaining({ rule: 'pattern_compiles' })],
    });
  });

  it('does not enforce a pattern stored before RE2 that RE2 cannot run, and says so', async () => {
    await h.app.dataSource.query(
      `INSERT INTO custom_field_definitions (id, object_type, key, label, type, required, pattern, created_by, created_at)
       VALUES (gen_random_uuid(), 'account', 'legacy_code', 'Legacy code', 'text', false, '(\\w)\\1', 'migration', now())`,
    );
    const listed = await h.graphql<Listed<{ key: string; patternEnforced: boolean | null }>>(
      `{ customFieldDefinitions(objectType: ACCOUNT, first: 200) { edges { node { key patternEnforced } } } }`,
    );
    expect(nodes(listed.data)).toContainEqual({ key: 'legacy_code', patternEnforced: false });
    const created = await h.graphql(
      CREATE,
      { input: { account: { name: 'Legacy Pattern Co', customFields: { legacy_code: 'xy' } } } },
      'rep.east1',
    );
    expect(created.errors).toBeUndefined();
  });

  it('defines a field sent with explicit nulls for the settings it does not use, like one that leaves them out', async () => {
    const res = await h.graphql<{ defineCustomField: { key: string } }>(DEFINE, {
      i: {
        objectType: 'ACCOUNT',
        key: 'nulls_sent',
        label: 'Nulls sent',
        type: 'TEXT',
        required: null,
        options: null,
        min: null,
        max: null,
        maxLength: null,
        pattern: null,
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.defineCustomField.key).toBe('nulls_sent');
    const created = await h.graphql(CREATE, { input: { account: { name: 'No Nulls Required Co' } } }, 'rep.east1');
    expect(created.errors).toBeUndefined();
  });
});
