import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const TIMELINE = `query($id: ID!, $first: Int, $after: String, $kinds: [TimelineKind!]) {
  account(id: $id) { timeline(first: $first, after: $after, kinds: $kinds) {
    edges { cursor node { id kind title action actorId actor { displayName } changes { field before after } activity { subject } } }
    pageInfo { endCursor hasNextPage } } } }`;

interface Entry {
  id: string;
  kind: string;
  title: string;
  action: string | null;
  actorId: string;
  actor: { displayName: string } | null;
  changes: { field: string; before: unknown; after: unknown }[];
  activity: { subject: string } | null;
}
interface TimelinePage {
  account: {
    timeline: {
      edges: { cursor: string; node: Entry }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  } | null;
}

describe("Account.timeline: the account's activities and recorded changes, newest first", () => {
  let h: CustomerHarness;
  let id: string;

  async function ok<T>(query: string, variables: Record<string, unknown>, as = 'admin1'): Promise<T> {
    const res = await h.graphql<T>(query, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }
  async function timeline(as: string, vars: Record<string, unknown> = {}) {
    return h.graphql<TimelinePage>(TIMELINE, { id, ...vars }, as);
  }

  beforeAll(async () => {
    h = await startCustomerHarness('customer_account_timeline');
    const rep1 = await h.userId('rep.east1');
    const created = await ok<{ createAccount: { account: { id: string } } }>(CREATE, {
      input: { account: { name: 'Timeline Co', ownerId: rep1, teamId: 'sales-east' } },
    });
    id = created.createAccount.account.id;
    await ok(
      `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
      { input: { accountId: id, kind: 'CALL', subject: 'Intro call', occurredAt: new Date(Date.now() - 3600_000) } },
      'rep.east1',
    );
    await ok(`mutation($id: ID!) { updateAccount(input: { id: $id, account: { name: "Timeline Co Ltd" } }) { id } }`, {
      id,
    });
    await ok(
      `mutation($id: ID!) { createContact(input: { accountId: $id, name: "Li Lei" }) { id } }`,
      { id },
      'rep.east1',
    );
    await ok(
      `mutation($id: ID!) { updateAccountTerms(input: { id: $id, terms: { creditLimit: { amount: "50000", currencyCode: "CNY" } } }) { id } }`,
      { id },
      'finance1',
    );
    await ok(
      `mutation($id: ID!, $owner: ID!) { updateAccount(input: { id: $id, account: { ownerId: $owner } }) { id } }`,
      { id, owner: await h.userId('rep.east2') },
      'manager.east',
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('merges activities and changes of the account and its contacts, newest first, with who did them', async () => {
    const res = await timeline('manager.east');
    expect(res.errors).toBeUndefined();
    const entries = res.data!.account!.timeline.edges.map((e) => e.node);
    expect(entries.map((e) => [e.kind, e.title])).toEqual([
      ['OWNER_CHANGE', 'account.update'],
      ['CHANGE', 'account.update_terms'],
      ['CONTACT', 'contact.create'],
      ['CHANGE', 'account.update'],
      ['CREATED', 'account.create'],
      ['ACTIVITY', 'Intro call'],
    ]);
    expect(entries[3]!.changes).toEqual([{ field: 'name', before: 'Timeline Co', after: 'Timeline Co Ltd' }]);
    expect(entries[0]!.actor).toEqual({ displayName: 'Marcus Eastman' });
    expect(entries[5]).toMatchObject({
      action: null,
      activity: { subject: 'Intro call' },
      actor: { displayName: 'Emma Eastwood' },
    });
    // The team's manager may read credit terms: the values show, and reading them is audited.
    expect(entries[1]!.changes.find((c) => c.field === 'creditLimit')?.after).not.toBeNull();
    const reads: { details: { fields: string[] } }[] = await h.app.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'account.read_sensitive' AND entity_id = $1 AND actor_id = $2`,
      [id, await h.userId('manager.east')],
    );
    expect(reads.map((r) => r.details.fields)).toEqual([['creditLimit']]);
  });

  it('names the users an owner change moved the account between, and no user for other fields', async () => {
    const data = await ok<{
      account: {
        timeline: {
          edges: {
            node: {
              kind: string;
              changes: {
                field: string;
                beforeUser: { id: string; displayName: string } | null;
                afterUser: { id: string; displayName: string } | null;
              }[];
            };
          }[];
        };
      };
    }>(
      `query($id: ID!) { account(id: $id) { timeline(first: 10, kinds: [OWNER_CHANGE, CHANGE]) { edges { node {
        kind changes { field beforeUser { id displayName } afterUser { id displayName } } } } } } }`,
      { id },
      'manager.east',
    );
    const [ownerChange, , rename] = data.account.timeline.edges.map((e) => e.node);
    expect(ownerChange!.changes.find((c) => c.field === 'ownerId')).toEqual({
      field: 'ownerId',
      beforeUser: { id: await h.userId('rep.east1'), displayName: 'Emma Eastwood' },
      afterUser: expect.objectContaining({ id: await h.userId('rep.east2') }),
    });
    expect(rename!.changes).toEqual([{ field: 'name', beforeUser: null, afterUser: null }]);
  });

  it('hides the values of sensitive fields from whoever may not read them, naming them in extensions', async () => {
    const res = await timeline('rep.east2');
    expect(res.errors).toBeUndefined();
    const terms = res.data!.account!.timeline.edges.map((e) => e.node).find((e) => e.title === 'account.update_terms')!;
    expect(terms.changes).toEqual([{ field: 'creditLimit', before: null, after: null }]);
    expect(res.extensions?.redactedFields).toContainEqual({
      type: 'TimelineEntry',
      id: terms.id,
      field: 'creditLimit',
    });
  });

  it('is as visible as the account: a caller who may not read it gets no timeline', async () => {
    const res = await timeline('agent1');
    expect(res.data?.account ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters by kind, and keeps its cursor valid while new entries arrive', async () => {
    const activities = await timeline('manager.east', { kinds: ['ACTIVITY', 'CONTACT'] });
    expect(activities.data!.account!.timeline.edges.map((e) => e.node.kind)).toEqual(['CONTACT', 'ACTIVITY']);

    const first = (await timeline('manager.east', { first: 2 })).data!.account!.timeline;
    await ok(
      `mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
      { input: { accountId: id, kind: 'NOTE', subject: 'Arrived meanwhile' } },
      'rep.east2',
    );
    const rest = (await timeline('manager.east', { after: first.pageInfo.endCursor })).data!.account!.timeline;
    expect([...first.edges, ...rest.edges].map((e) => e.node.title)).toEqual([
      'account.update',
      'account.update_terms',
      'contact.create',
      'account.update',
      'account.create',
      'Intro call',
    ]);
    const latest = (await timeline('manager.east', { first: 1 })).data!.account!.timeline;
    expect(latest.edges[0]!.node.title).toBe('Arrived meanwhile');
  });

  it('shows a return to the pool as POOL, with its reason', async () => {
    await ok(
      `mutation($id: ID!) { releaseAccount(input: { accountId: $id, reason: "Moved territory" }) { id } }`,
      { id },
      'rep.east2',
    );
    const res = await h.graphql<{
      account: { timeline: { edges: { node: { kind: string; action: string; details: Record<string, unknown> } }[] } };
    }>(
      `query($id: ID!) { account(id: $id) { timeline(first: 1, kinds: [POOL, SHARE]) { edges { node { kind action details } } } } }`,
      { id },
      'admin1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.account.timeline.edges[0]!.node).toMatchObject({
      kind: 'POOL',
      action: 'pool.release',
      details: expect.objectContaining({ reason: 'Moved territory' }),
    });
  });
});
