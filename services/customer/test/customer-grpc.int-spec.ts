import { customerV1, customerEventsV1 } from '@crm/contracts';
import { InputError, NotFoundError } from '@crm/platform/errors';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const input = (over: Partial<customerV1.AccountInput> = {}): customerV1.AccountInput => ({
  ...customerV1.AccountInput.fromPartial({}),
  lifecycleStage: customerV1.LifecycleStage.PROSPECT,
  ...over,
});

describe('customer service over gRPC', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_grpc');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('creates an account, reads it back and publishes account.created', async () => {
    const created = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({
        name: '华为技术有限公司',
        taxId: '914403001922038216',
        phones: ['0755-28780808'],
        emails: ['Sales@Huawei.com'],
        tags: ['telecom'],
        grade: customerV1.Grade.A,
      }),
      duplicatePolicy: customerV1.DuplicatePolicy.BLOCK,
      idempotencyKey: '',
    });
    expect(created.duplicates).toEqual([]);
    const account = created.account!;
    expect(account.name).toBe('华为技术有限公司');
    expect(account.emails).toEqual(['sales@huawei.com']);
    expect(account.phones).toEqual(['+8675528780808']);
    expect(account.version).toBe('1');

    const got = await h.call<customerV1.GetAccountRequest, customerV1.GetAccountResponse>('getAccount', {
      id: account.id,
    });
    expect(got.account).toEqual(account);

    const events = await h.streamEvents();
    const createdEvent = events.find((e) => e.subject === 'crm.customer.account.created');
    expect(createdEvent?.type).toBe('crm.customer.v1.AccountCreated');
    const decoded = customerEventsV1.AccountCreated.decode(createdEvent!.data);
    expect(decoded.account?.id).toBe(account.id);
    expect(decoded.metadata?.eventId).toBe(createdEvent!.id);
  });

  it('blocks a duplicate by tax id, email, phone or name and returns the candidates', async () => {
    const first = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({ name: 'Acme Trading Co., Ltd.', emails: ['buyer@acme.example'] }),
      duplicatePolicy: customerV1.DuplicatePolicy.BLOCK,
      idempotencyKey: '',
    });
    const dup = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({ name: 'ACME Trading Limited', emails: ['BUYER@acme.example'] }),
      duplicatePolicy: customerV1.DuplicatePolicy.BLOCK,
      idempotencyKey: '',
    });
    expect(dup.account).toBeUndefined();
    expect(dup.duplicates).toEqual([
      {
        accountId: first.account!.id,
        name: 'Acme Trading Co., Ltd.',
        matchedOn: expect.arrayContaining(['email', 'name']),
      },
    ]);

    const forced = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({ name: 'ACME Trading Limited', emails: ['BUYER@acme.example'] }),
      duplicatePolicy: customerV1.DuplicatePolicy.OVERRIDE,
      idempotencyKey: '',
    });
    expect(forced.account?.id).toBeDefined();
    expect(forced.duplicates.map((d) => d.accountId)).toContain(first.account!.id);
  });

  it('rejects bad input with INVALID_ARGUMENT naming the field, and creates nothing', async () => {
    const before = await h.app.dataSource.query('SELECT count(*)::int AS n FROM accounts');
    const attempt = h.call('createAccount', {
      account: input({ name: 'Bad Email Co', emails: ['not-an-email'] }),
      duplicatePolicy: 0,
      idempotencyKey: '',
    });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    const error = (await attempt.catch((e: unknown) => e)) as InputError;
    expect(error.violations[0].path).toEqual(['input', 'account', 'emails', 0]);
    const after = await h.app.dataSource.query('SELECT count(*)::int AS n FROM accounts');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a missing or malformed account id as INVALID_ARGUMENT naming the field, not as an internal error', async () => {
    for (const [method, request, path] of [
      ['getAccount', { id: '' }, ['id']],
      ['getAccountOwner', { accountId: 'not-a-uuid' }, ['accountId']],
      ['deleteAccount', { id: '' }, ['id']],
      ['restoreAccount', { id: '42' }, ['id']],
      ['batchGetAccounts', { ids: ['3f0c8d8e-6a2b-4c1e-9f3a-2b7d5e8a9c10', 'x'] }, ['ids', 1]],
    ] as const) {
      const error = await h.call(method, request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).violations[0]).toMatchObject({ path, rule: 'uuid' });
    }
  });

  it('updates only the masked fields, bumps the version and publishes updated, owner_changed and graded', async () => {
    const { account } = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
      'createAccount',
      {
        account: input({ name: 'Shenzhen Update Test Ltd', industry: 'manufacturing', grade: customerV1.Grade.C }),
        duplicatePolicy: 0,
        idempotencyKey: '',
      },
    );
    const owner = '3f0c8d8e-6a2b-4c1e-9f3a-2b7d5e8a9c10';
    const updated = await h.call<customerV1.UpdateAccountRequest, customerV1.UpdateAccountResponse>('updateAccount', {
      id: account!.id,
      account: input({ ownerId: owner, grade: customerV1.Grade.B, industry: 'ignored' }),
      updateMask: ['owner_id', 'grade'],
      expectedVersion: '1',
    });
    expect(updated.account?.ownerId).toBe(owner);
    expect(updated.account?.grade).toBe(customerV1.Grade.B);
    expect(updated.account?.industry).toBe('manufacturing');
    expect(updated.account?.version).toBe('2');

    await expect(
      h.call('updateAccount', {
        id: account!.id,
        account: input({ industry: 'retail' }),
        updateMask: ['industry'],
        expectedVersion: '1',
      }),
    ).rejects.toThrow(/changed by someone else/);

    const subjects = (await h.streamEvents()).filter((e) => {
      if (!e.subject.startsWith('crm.customer.account.')) return false;
      return e.subject !== 'crm.customer.account.created';
    });
    expect(subjects.map((e) => e.subject)).toEqual(
      expect.arrayContaining([
        'crm.customer.account.updated',
        'crm.customer.account.owner_changed',
        'crm.customer.account.graded',
      ]),
    );
    const owned = await h.call<customerV1.GetAccountOwnerRequest, customerV1.GetAccountOwnerResponse>(
      'getAccountOwner',
      { accountId: account!.id },
    );
    expect(owned.ownerId).toBe(owner);
  });

  it('batch-gets in request order and leaves out unknown ids', async () => {
    const a = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({ name: 'Batch One' }),
      duplicatePolicy: 0,
      idempotencyKey: '',
    });
    const b = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>('createAccount', {
      account: input({ name: 'Batch Two' }),
      duplicatePolicy: 0,
      idempotencyKey: '',
    });
    const res = await h.call<customerV1.BatchGetAccountsRequest, customerV1.BatchGetAccountsResponse>(
      'batchGetAccounts',
      {
        ids: [b.account!.id, '00000000-0000-4000-8000-000000000000', a.account!.id],
      },
    );
    expect(res.accounts.map((x) => x.name)).toEqual(['Batch Two', 'Batch One']);
  });

  it('searches by name fragment, phone, email and tax id, and pages with a cursor', async () => {
    for (const name of ['北京字节跳动科技有限公司', '上海字节科技', 'ByteDance Singapore', 'Bytes & Pieces Ltd']) {
      await h.call('createAccount', {
        account: input({ name }),
        duplicatePolicy: customerV1.DuplicatePolicy.OVERRIDE,
        idempotencyKey: '',
      });
    }
    const search = (query: string, first = 10, after = '') =>
      h.call<customerV1.SearchAccountsRequest, customerV1.SearchAccountsResponse>('searchAccounts', {
        query,
        filter: undefined,
        sortField: 0,
        descending: false,
        page: { first, after },
      });
    expect((await search('字节')).accounts.map((a) => a.name).sort()).toEqual(
      ['上海字节科技', '北京字节跳动科技有限公司'].sort(),
    );
    expect((await search('byte')).accounts.map((a) => a.name)).toEqual(['ByteDance Singapore', 'Bytes & Pieces Ltd']);
    expect((await search('+86 755 2878 0808')).accounts.map((a) => a.name)).toEqual(['华为技术有限公司']);
    expect((await search('sales@huawei.com')).accounts.map((a) => a.name)).toEqual(['华为技术有限公司']);
    expect((await search('914403001922038216')).accounts.map((a) => a.name)).toEqual(['华为技术有限公司']);

    const page1 = await search('byte', 1);
    expect(page1.pageInfo?.hasNextPage).toBe(true);
    const page2 = await search('byte', 1, page1.pageInfo!.endCursor);
    expect(page2.accounts.map((a) => a.name)).toEqual(['Bytes & Pieces Ltd']);
    expect(page2.pageInfo?.hasNextPage).toBe(false);
  });

  it('filters by grade and tag', async () => {
    const res = await h.call<customerV1.SearchAccountsRequest, customerV1.SearchAccountsResponse>('searchAccounts', {
      query: '',
      filter: customerV1.AccountFilter.fromPartial({ grades: [customerV1.Grade.A], tags: ['telecom'] }),
      sortField: customerV1.AccountSortField.NAME,
      descending: false,
      page: { first: 50, after: '' },
    });
    expect(res.accounts.map((a) => a.name)).toEqual(['华为技术有限公司']);
  });

  it('logs an activity on the timeline and moves last activity forward', async () => {
    const { account } = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
      'createAccount',
      { account: input({ name: 'Timeline Co' }), duplicatePolicy: 0, idempotencyKey: '' },
    );
    const occurredAt = new Date('2026-11-20T02:00:00Z');
    const res = await h.call<customerV1.LogActivityRequest, customerV1.LogActivityResponse>('logActivity', {
      ...customerV1.LogActivityRequest.fromPartial({}),
      accountId: account!.id,
      kind: customerV1.ActivityKind.WECHAT,
      subject: '微信沟通报价',
      occurredAt,
    });
    expect(res.activity?.subject).toBe('微信沟通报价');
    const got = await h.call<customerV1.GetAccountRequest, customerV1.GetAccountResponse>('getAccount', {
      id: account!.id,
    });
    expect(got.account?.lastActivityAt?.toISOString()).toBe(occurredAt.toISOString());
    expect((await h.streamEvents()).some((e) => e.subject === 'crm.customer.activity.logged')).toBe(true);
  });

  it('deletes to the recycle bin and restores', async () => {
    const { account } = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
      'createAccount',
      { account: input({ name: 'Recycle Me' }), duplicatePolicy: 0, idempotencyKey: '' },
    );
    await h.call('deleteAccount', { id: account!.id });
    await expect(h.call('getAccount', { id: account!.id })).rejects.toBeInstanceOf(NotFoundError);
    const restored = await h.call<customerV1.RestoreAccountRequest, customerV1.RestoreAccountResponse>(
      'restoreAccount',
      { id: account!.id },
    );
    expect(restored.account?.deletedAt).toBeUndefined();
    const subjects = (await h.streamEvents()).map((e) => e.subject);
    expect(subjects).toEqual(expect.arrayContaining(['crm.customer.account.deleted', 'crm.customer.account.restored']));
  });

  it('audits a gRPC change with who made it, their roles and address, and the request id', async () => {
    const { account } = await h.call<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
      'createAccount',
      {
        account: input({ name: 'Audited Over gRPC Ltd' }),
        duplicatePolicy: 0,
        idempotencyKey: '',
      },
      'rep.east1',
    );
    const [row] = await h.app.dataSource.query(
      `SELECT actor_id, actor_roles, source_ip, request_id, action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [account!.id],
    );
    expect(row).toMatchObject({
      actor_id: await h.userId('rep.east1'),
      actor_roles: ['sales-rep'],
      source_ip: '127.0.0.1',
      action: 'account.create',
    });
    expect(row.request_id).toMatch(/.+/);
  });
});
