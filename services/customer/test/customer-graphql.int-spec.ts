import { randomUUID } from 'node:crypto';
import { customerEventsV1 } from '@crm/contracts';
import type { Actor } from '@crm/platform/auth';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation Create($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id name version ownerId tags lifecycleStage } duplicates { account { id name } matchedOn } }
}`;

describe('customer subgraph over GraphQL', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_graphql');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function createAccount(account: Record<string, unknown>, duplicatePolicy = 'BLOCK') {
    const res = await h.graphql<{
      createAccount: { account: { id: string; name: string; version: number } | null; duplicates: unknown[] };
    }>(CREATE, {
      input: { account, duplicatePolicy },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createAccount;
  }

  it('validation errors come back as BAD_USER_INPUT with the field path and change nothing', async () => {
    const res = await h.graphql(CREATE, {
      input: { account: { name: 'Broken Ltd', website: 'ftp://nope', emails: ['ok@example.com', 'broken'] } },
    });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0].extensions?.violations as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['input.account.website', 'input.account.emails[1]']));
    const list = await h.graphql<{ accounts: { edges: unknown[] } }>(
      `{ accounts(search: "Broken") { edges { cursor } } }`,
    );
    expect(list.data?.accounts.edges).toEqual([]);
  });

  it('accounts and contacts keep a description (备注): written, read back, cleared, and bounded', async () => {
    const account = (await createAccount({ name: '备注测试有限公司', description: '年度框架协议客户\n季度回访' }))
      .account!;
    const read = async () =>
      (
        await h.graphql<{ account: { description: string | null; version: number } }>(
          `query($id: ID!) { account(id: $id) { description version } }`,
          { id: account.id },
        )
      ).data!.account;
    expect((await read()).description).toBe('年度框架协议客户\n季度回访');
    const tooLong = await h.graphql(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { version } }`,
      { input: { id: account.id, account: { description: '备'.repeat(2001) } } },
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.account.description',
    });
    expect((await read()).description).toBe('年度框架协议客户\n季度回访');
    const cleared = await h.graphql(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { description } }`,
      { input: { id: account.id, account: { description: null } } },
    );
    expect(cleared.errors).toBeUndefined();
    expect((await read()).description).toBeNull();

    const contact = await h.graphql<{ createContact: { id: string; description: string | null } }>(
      `mutation($i: ContactInput!) { createContact(input: $i) { id description } }`,
      { i: { accountId: account.id, name: '赵六', description: '只在工作日联系' } },
    );
    expect(contact.errors).toBeUndefined();
    expect(contact.data?.createContact.description).toBe('只在工作日联系');
  });

  it('an unknown enum value is rejected by the schema as BAD_USER_INPUT', async () => {
    const res = await h.graphql(CREATE, { input: { account: { name: 'Enum Co', grade: 'Z' } } });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('creates, updates with optimistic concurrency, and lists with cursor pagination', async () => {
    const a = (await createAccount({ name: '杭州阿里巴巴网络', tags: ['vip', 'ecommerce'], grade: 'A' })).account!;
    const upd = await h.graphql<{ updateAccount: { version: number; tags: string[] } }>(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { version tags } }`,
      { input: { id: a.id, account: { tags: ['vip'] }, expectedVersion: 1 } },
    );
    expect(upd.data?.updateAccount).toEqual({ version: 2, tags: ['vip'] });
    const stale = await h.graphql(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { version } }`,
      {
        input: { id: a.id, account: { industry: 'retail' }, expectedVersion: 1 },
      },
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

    for (let i = 0; i < 5; i++) await createAccount({ name: `Paging Co ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        data?: {
          accounts: {
            edges: { cursor: string; node: { name: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await h.graphql(
        `query($after: String) { accounts(search: "paging", first: 2, after: $after, sort: { field: NAME }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...page.data!.accounts.edges.map((e) => e.node.name));
      if (!page.data!.accounts.pageInfo.hasNextPage) break;
      after = page.data!.accounts.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Paging Co 0', 'Paging Co 1', 'Paging Co 2', 'Paging Co 3', 'Paging Co 4']);
  });

  it('merges two accounts: contacts and activities move, the loser is a tombstone, and restore is refused', async () => {
    const winner = (await createAccount({ name: 'Merge Winner Ltd', phones: ['13800138000'] })).account!;
    const loser = (
      await createAccount(
        { name: 'Merge Loser Ltd', emails: ['hello@loser.example'], industry: 'logistics' },
        'OVERRIDE',
      )
    ).account!;
    const contact = await h.graphql<{ createContact: { id: string } }>(
      `mutation($i: ContactInput!) { createContact(input: $i) { id } }`,
      {
        i: {
          accountId: loser.id,
          name: '王小明',
          emails: ['xm.wang@loser.example'],
          preferredChannel: 'WECHAT',
          consentWechat: true,
        },
      },
    );
    expect(contact.errors).toBeUndefined();
    const activity = await h.graphql(`mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`, {
      i: { accountId: loser.id, kind: 'VISIT', subject: '上门拜访', occurredAt: '2026-11-01T03:00:00Z' },
    });
    expect(activity.errors).toBeUndefined();

    const merged = await h.graphql<{
      mergeAccounts: {
        id: string;
        emails: string[];
        industry: string;
        contacts: { edges: { node: { name: string } }[] };
        activities: { edges: { node: { subject: string } }[] };
      };
    }>(
      `mutation($i: MergeAccountsInput!) { mergeAccounts(input: $i) { id emails industry contacts { edges { node { name } } } activities { edges { node { subject } } } } }`,
      { i: { winnerId: winner.id, loserId: loser.id } },
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeAccounts.emails).toEqual(['hello@loser.example']);
    expect(merged.data?.mergeAccounts.industry).toBe('logistics');
    expect(merged.data?.mergeAccounts.contacts.edges.map((e) => e.node.name)).toEqual(['王小明']);
    expect(merged.data?.mergeAccounts.activities.edges.map((e) => e.node.subject)).toEqual(['上门拜访']);

    const tomb = await h.app.dataSource.query('SELECT merged_into_id, deleted_at FROM accounts WHERE id = $1', [
      loser.id,
    ]);
    expect(tomb[0].merged_into_id).toBe(winner.id);
    expect(tomb[0].deleted_at).not.toBeNull();
    const audit = await h.app.dataSource.query(
      'SELECT winner_id, loser_id, moved_contacts, moved_activities FROM account_merges',
    );
    expect(audit).toEqual([{ winner_id: winner.id, loser_id: loser.id, moved_contacts: 1, moved_activities: 1 }]);

    const restore = await h.graphql(`mutation($id: ID!) { restoreAccount(id: $id) { id } }`, { id: loser.id });
    expect(restore.errors?.[0].extensions?.code).toBe('FAILED_PRECONDITION');
    expect((await h.streamEvents()).some((e) => e.subject === 'crm.customer.account.merged')).toBe(true);

    // The merge emits two events of the winner in one change: one aggregate version, but each its own order.
    const winnerEvents = (await h.streamEvents()).filter((e) => e.aggregateId === winner.id);
    const [mergedEvent, updatedEvent] = winnerEvents.slice(-2);
    expect([mergedEvent.subject, updatedEvent.subject]).toEqual([
      'crm.customer.account.merged',
      'crm.customer.account.updated',
    ]);
    expect(customerEventsV1.AccountMerged.decode(mergedEvent.data).metadata?.aggregateVersion).toBe(
      customerEventsV1.AccountUpdated.decode(updatedEvent.data).metadata?.aggregateVersion,
    );
    expect(winnerEvents.map((e) => e.aggregateSequence)).toEqual(winnerEvents.map((_, i) => i + 1));
  });

  it('soft delete puts the account in the recycle bin and restore brings it back', async () => {
    const a = (await createAccount({ name: 'Bin Candidate' })).account!;
    await h.graphql(`mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id: a.id });
    const bin = await h.graphql<{ recycleBin: { edges: { node: { id: string; deletedAt: string } }[] } }>(
      `{ recycleBin { edges { node { id deletedAt } } } }`,
    );
    expect(bin.data?.recycleBin.edges.map((e) => e.node.id)).toContain(a.id);
    expect(
      (await h.graphql<{ account: null }>(`query($id: ID!) { account(id: $id) { id } }`, { id: a.id })).data?.account,
    ).toBeNull();
    const restored = await h.graphql<{ restoreAccount: { deletedAt: string | null } }>(
      `mutation($id: ID!) { restoreAccount(id: $id) { deletedAt } }`,
      { id: a.id },
    );
    expect(restored.data?.restoreAccount.deletedAt).toBeNull();
  });

  it('purges recycle-bin accounts older than the retention', async () => {
    const a = (await createAccount({ name: 'Old Bin Account' })).account!;
    await h.graphql(`mutation($id: ID!) { deleteAccount(id: $id) { id } }`, { id: a.id });
    await h.app.dataSource.query(`UPDATE accounts SET deleted_at = now() - interval '40 days' WHERE id = $1`, [a.id]);
    expect(await h.app.services.accounts.purgeRecycleBin(new Date(), 30)).toEqual({ purged: 1, failed: [] });
    expect(await h.app.dataSource.query('SELECT id FROM accounts WHERE id = $1', [a.id])).toEqual([]);
  });

  it('resolves Account entities for the gateway in one batch', async () => {
    const a = (await createAccount({ name: 'Entity One' })).account!;
    const b = (await createAccount({ name: 'Entity Two' })).account!;
    const res = await h.graphql<{ _entities: { name: string }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { name } } }`,
      {
        r: [
          { __typename: 'Account', id: b.id },
          { __typename: 'Account', id: a.id },
        ],
      },
    );
    expect(res.data?._entities.map((e) => e.name)).toEqual(['Entity Two', 'Entity One']);
  });

  it('custom fields are defined by an admin and validated on write', async () => {
    const def = await h.graphql(
      `mutation($i: CustomFieldDefinitionInput!) { defineCustomField(input: $i) { key type } }`,
      {
        i: {
          objectType: 'ACCOUNT',
          key: 'credit_rating',
          label: 'Credit rating',
          type: 'SELECT',
          options: ['AAA', 'AA', 'A'],
        },
      },
    );
    expect(def.errors).toBeUndefined();
    const bad = await h.graphql(CREATE, {
      input: { account: { name: 'Custom Co', customFields: { credit_rating: 'ZZZ' } } },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.field).toBe('input.account.customFields.credit_rating');
    const good = await createAccount({ name: 'Custom Co', customFields: { credit_rating: 'AA' } });
    const read = await h.graphql<{ account: { customFields: Record<string, unknown> } }>(
      `query($id: ID!) { account(id: $id) { customFields } }`,
      { id: good.account!.id },
    );
    expect(read.data?.account.customFields).toEqual({ credit_rating: 'AA' });
  });

  it('caps custom fields at 200 per object type, with a clear refusal', async () => {
    const admin: Actor = { id: await h.userId('admin1'), requestId: randomUUID(), roles: ['crm-admin'], teams: [] };
    const existing = (await h.app.services.customFields.definitions('contact')).length;
    for (let i = existing; i < 200; i++) {
      await h.app.services.customFields.define(
        'contact',
        { key: `extra_${i}`, label: `Extra ${i}`, type: 'text', required: false },
        admin,
      );
    }
    const over = await h.graphql(`mutation($i: CustomFieldDefinitionInput!) { defineCustomField(input: $i) { key } }`, {
      i: { objectType: 'CONTACT', key: 'one_too_many', label: 'One too many', type: 'TEXT' },
    });
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'max_custom_fields',
      limit: 200,
    });
    // The 200 fields, walked page by page with after: each once, in key order, the total on every page.
    interface DefinitionPage {
      customFieldDefinitions: {
        edges: { node: { key: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
        totalCount: number;
      };
    }
    const PAGE = `query($after: String) { customFieldDefinitions(objectType: CONTACT, first: 64, after: $after) {
      edges { node { key } } pageInfo { endCursor hasNextPage } totalCount } }`;
    const walked: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (;;) {
      const variables: Record<string, unknown> = { after };
      const res = await h.graphql<DefinitionPage>(PAGE, variables);
      expect(res.errors).toBeUndefined();
      const page: DefinitionPage['customFieldDefinitions'] = res.data!.customFieldDefinitions;
      expect(page.totalCount).toBe(200);
      walked.push(...page.edges.map((e) => e.node.key));
      sizes.push(page.edges.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(sizes).toEqual([64, 64, 64, 8]);
    expect(walked).toEqual((await h.app.services.customFields.definitions('contact')).map((d) => d.key));
    expect(new Set(walked).size).toBe(200);
    expect(walked).not.toContain('one_too_many');
    // The default page is 20, the page size the gateway's cost limit assumes.
    const first = await h.graphql<DefinitionPage>(
      `{ customFieldDefinitions(objectType: CONTACT) { edges { node { key } } } }`,
    );
    expect(first.data!.customFieldDefinitions.edges).toHaveLength(20);
    for (const bad of ['garbage', Buffer.from(JSON.stringify([1, 2])).toString('base64url')]) {
      const refused = await h.graphql(PAGE, { after: bad });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [expect.objectContaining({ field: 'after', rule: 'cursor' })],
      });
    }
  });

  it('suggests a grade from size, stage and recent follow-ups, with the reasons', async () => {
    const a = (
      await createAccount({
        name: 'Grading Enterprise Ltd',
        size: 'ENTERPRISE',
        lifecycleStage: 'CUSTOMER',
        grade: 'C',
      })
    ).account!;
    for (let i = 0; i < 10; i++) {
      const logged = await h.graphql(`mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }`, {
        i: {
          accountId: a.id,
          kind: 'CALL',
          subject: `follow-up ${i}`,
          occurredAt: new Date(Date.now() - i * 86_400_000).toISOString(),
        },
      });
      expect(logged.errors).toBeUndefined();
    }
    const res = await h.graphql<{
      account: { grade: string; gradeSuggestion: { grade: string; score: number; reasons: string[] } };
    }>(`query($id: ID!) { account(id: $id) { grade gradeSuggestion { grade score reasons } } }`, { id: a.id });
    expect(res.data?.account.grade).toBe('C');
    expect(res.data?.account.gradeSuggestion).toMatchObject({ grade: 'A', score: 70 });
    expect(res.data?.account.gradeSuggestion.reasons.length).toBeGreaterThan(0);
  });
});
