import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { customerV1 } from '@crm/contracts';
import { Metadata } from '@grpc/grpc-js';
import { ConflictError, InputError, NotAllowedError } from '@crm/platform/errors';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { clientCredentialsToken } from '@crm/testing';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

type CreateReq = customerV1.CreateAccountRequest;
type CreateRes = customerV1.CreateAccountResponse;

const input = (over: Partial<customerV1.AccountInput> = {}): customerV1.AccountInput => ({
  ...customerV1.AccountInput.fromPartial({}),
  lifecycleStage: customerV1.LifecycleStage.PROSPECT,
  ...over,
});
const contactInput = (over: Partial<customerV1.ContactInput> = {}): customerV1.ContactInput => ({
  ...customerV1.ContactInput.fromPartial({}),
  ...over,
});
const create = (account: customerV1.AccountInput, key = '', policy = customerV1.DuplicatePolicy.BLOCK): CreateReq => ({
  account,
  duplicatePolicy: policy,
  idempotencyKey: key,
});

describe('what the lead conversion saga needs from the customer service over gRPC', () => {
  let h: CustomerHarness;
  const accountCount = async (name: string): Promise<number> =>
    (await h.app.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE name = $1`, [name]))[0].n;

  beforeAll(async () => {
    h = await startCustomerHarness('customer_saga_grpc');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('creates one account per idempotency key: a repeat returns the first, also when two calls race', async () => {
    const key = `conversion-${randomUUID()}:account`;
    const first = await h.call<CreateReq, CreateRes>('createAccount', create(input({ name: 'Keyed Once Ltd' }), key));
    const again = await h.call<CreateReq, CreateRes>('createAccount', create(input({ name: 'Keyed Once Ltd' }), key));
    expect(again.account?.id).toBe(first.account!.id);
    expect(await accountCount('Keyed Once Ltd')).toBe(1);

    const raceKey = `conversion-${randomUUID()}:account`;
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        h.call<CreateReq, CreateRes>('createAccount', create(input({ name: 'Racing Keys Co' }), raceKey), 'rep.east1'),
      ),
    );
    expect(new Set(racing.map((r) => r.account?.id)).size).toBe(1);
    expect(await accountCount('Racing Keys Co')).toBe(1);
  });

  it('refuses the same key with another payload, naming the key, and creates nothing', async () => {
    const key = `conversion-${randomUUID()}:account`;
    await h.call<CreateReq, CreateRes>('createAccount', create(input({ name: 'First Payload Ltd' }), key));
    const error = await h
      .call<CreateReq, CreateRes>('createAccount', create(input({ name: 'Second Payload Ltd' }), key))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain(key);
    expect(await accountCount('Second Payload Ltd')).toBe(0);
    // Another caller's key of the same text is their own.
    const theirs = await h.call<CreateReq, CreateRes>(
      'createAccount',
      create(input({ name: 'Second Payload Ltd' }), key),
      'rep.east1',
    );
    expect(theirs.account?.name).toBe('Second Payload Ltd');
  });

  it('refuses an idempotency key over 200 characters as bad input on idempotency_key', async () => {
    const error = await h
      .call('createAccount', create(input({ name: 'Long Key Ltd' }), 'k'.repeat(201)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).violations[0]).toMatchObject({ path: ['idempotency_key'], rule: 'max_length' });
    expect(await accountCount('Long Key Ltd')).toBe(0);
  });

  it('keeps no key for a create that duplicates blocked, so the user can pick or override under it', async () => {
    await h.call('createAccount', create(input({ name: 'Blocked Trading Co' })));
    const key = `conversion-${randomUUID()}:account`;
    const blocked = await h.call<CreateReq, CreateRes>(
      'createAccount',
      create(input({ name: 'Blocked Trading Co' }), key),
    );
    expect(blocked.account).toBeUndefined();
    expect(blocked.duplicates).toHaveLength(1);
    const forced = await h.call<CreateReq, CreateRes>(
      'createAccount',
      create(input({ name: 'Blocked Trading Co' }), key, customerV1.DuplicatePolicy.OVERRIDE),
    );
    expect(forced.account?.id).toBeDefined();
  });

  it('creates a contact with the rules of createContact, once per key, and not on an account the caller cannot edit', async () => {
    const { account } = await h.call<CreateReq, CreateRes>(
      'createAccount',
      create(input({ name: 'Contact Host Ltd' })),
      'rep.east1',
    );
    const key = `conversion-${randomUUID()}:contact`;
    const request = {
      accountId: account!.id,
      contact: contactInput({ name: '王小明', emails: ['XM.Wang@host.example'] }),
      idempotencyKey: key,
    };
    const first = await h.call<customerV1.CreateContactRequest, customerV1.CreateContactResponse>(
      'createContact',
      request,
      'rep.east1',
    );
    expect(first.contact).toMatchObject({ accountId: account!.id, name: '王小明', emails: ['xm.wang@host.example'] });
    const again = await h.call<customerV1.CreateContactRequest, customerV1.CreateContactResponse>(
      'createContact',
      request,
      'rep.east1',
    );
    expect(again.contact?.id).toBe(first.contact!.id);
    const [{ n }] = await h.app.dataSource.query(`SELECT count(*)::int AS n FROM contacts WHERE account_id = $1`, [
      account!.id,
    ]);
    expect(n).toBe(1);
    const [audit] = await h.app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      first.contact!.id,
    ]);
    expect(audit.action).toBe('contact.create');

    // rep.south1 may not see rep.east1's account: refused, nothing created.
    const refused = await h
      .call('createContact', { ...request, idempotencyKey: `${key}:south` }, 'rep.south1')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotAllowedError);
    const bad = await h
      .call('createContact', { ...request, contact: contactInput({ name: 'X', emails: ['nope'] }), idempotencyKey: '' })
      .catch((e: unknown) => e);
    expect((bad as InputError).violations[0].path).toEqual(['input', 'emails', 0]);
  });

  it('finds duplicate accounts by tax id, phone, email and name, and names them even to a caller who cannot read them', async () => {
    const { account } = await h.call<CreateReq, CreateRes>(
      'createAccount',
      create(
        input({
          name: '杭州阿里巴巴网络技术有限公司',
          taxId: '914403001922038216',
          phones: ['0571-85022088'],
          emails: ['ir@alibaba.example'],
        }),
      ),
      'rep.east1',
    );
    const find = (probe: Partial<customerV1.FindDuplicateAccountsRequest>, as = 'rep.south1') =>
      h.call<customerV1.FindDuplicateAccountsRequest, customerV1.FindDuplicateAccountsResponse>(
        'findDuplicateAccounts',
        { ...customerV1.FindDuplicateAccountsRequest.fromPartial({}), ...probe },
        as,
      );
    const expected = { accountId: account!.id, name: '杭州阿里巴巴网络技术有限公司' };
    expect((await find({ taxId: '914403001922038216' })).candidates).toEqual([{ ...expected, matchedOn: ['tax_id'] }]);
    expect((await find({ phones: ['+86 571 8502 2088'] })).candidates).toEqual([{ ...expected, matchedOn: ['phone'] }]);
    expect((await find({ emails: ['IR@alibaba.example'] })).candidates).toEqual([
      { ...expected, matchedOn: ['email'] },
    ]);
    expect((await find({ name: '杭州阿里巴巴网络技术有限公司' }, 'finance1')).candidates).toEqual([
      { ...expected, matchedOn: ['name'] },
    ]);
    expect((await find({ name: 'Nobody Like This Ltd' })).candidates).toEqual([]);
    const bad = await find({ emails: ['not-an-email'] }).catch((e: unknown) => e);
    expect((bad as InputError).violations[0]).toMatchObject({ path: ['emails', 0] });
  });

  it('tells each caller their access to many accounts, in a bounded number of statements', async () => {
    const eastIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { account } = await h.call<CreateReq, CreateRes>(
        'createAccount',
        create(input({ name: `Access Check East ${i}`, ...(i === 0 ? { grade: customerV1.Grade.B } : {}) })),
        'rep.east1',
      );
      eastIds.push(account!.id);
    }
    await h.call('deleteAccount', { id: eastIds[5] }, 'rep.east1');
    const missing = randomUUID();
    const ids = [...eastIds, missing];
    const check = (as: string) =>
      h.call<customerV1.CheckAccountAccessRequest, customerV1.CheckAccountAccessResponse>(
        'checkAccountAccess',
        { accountIds: ids },
        as,
      );
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    let statements: number;
    let owner: customerV1.CheckAccountAccessResponse;
    try {
      owner = await check('rep.east1');
      statements = spy.mock.calls.filter(([sql]) => /\b(accounts|account_grants|ticket_accounts)\b/.test(sql)).length;
    } finally {
      spy.mockRestore();
    }
    expect(statements).toBeLessThanOrEqual(3);
    const east1 = await h.userId('rep.east1');
    expect(owner.entries[0]).toEqual({
      accountId: eastIds[0],
      exists: true,
      deleted: false,
      access: customerV1.AccountAccess.EDIT,
      ownerId: east1,
      teamId: 'sales-east',
      grade: customerV1.Grade.B,
    });
    expect(owner.entries[5]).toMatchObject({ exists: true, deleted: true });
    expect(owner.entries[6]).toEqual({
      accountId: missing,
      exists: false,
      deleted: false,
      access: customerV1.AccountAccess.NONE,
      ownerId: '',
      teamId: '',
      grade: customerV1.Grade.UNSPECIFIED,
    });
    const accessOf = async (as: string) => (await check(as)).entries[0].access;
    expect(await accessOf('manager.east')).toBe(customerV1.AccountAccess.EDIT);
    expect(await accessOf('finance1')).toBe(customerV1.AccountAccess.READ);
    expect(await accessOf('auditor1')).toBe(customerV1.AccountAccess.READ);
    const south = (await check('rep.south1')).entries[0];
    expect(south).toMatchObject({
      exists: true,
      access: customerV1.AccountAccess.NONE,
      ownerId: '',
      teamId: '',
      grade: customerV1.Grade.UNSPECIFIED,
    });
    // The other services' own account learns the grade (service levels follow it), not the owner.
    const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${h.app.grpcPort!}`);
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${(await clientCredentialsToken('crm-services')).accessToken}`);
    const services = await callUnary<customerV1.CheckAccountAccessRequest, customerV1.CheckAccountAccessResponse>(
      client.checkAccountAccess.bind(client),
      { accountIds: [eastIds[0]!] },
      { metadata },
    ).finally(() => client.close());
    expect(services.entries[0]).toMatchObject({
      exists: true,
      access: customerV1.AccountAccess.NONE,
      ownerId: '',
      grade: customerV1.Grade.B,
    });

    const tooMany = await h
      .call('checkAccountAccess', { accountIds: Array.from({ length: 501 }, () => randomUUID()) })
      .catch((e: unknown) => e);
    expect((tooMany as InputError).violations[0]).toMatchObject({ path: ['account_ids'], rule: 'max_items' });
  });
});
