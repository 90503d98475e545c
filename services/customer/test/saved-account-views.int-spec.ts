import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const SAVE = `mutation($input: SaveAccountViewInput!) {
  saveAccountView(input: $input) {
    id name search shared owner { displayName }
    filter { grades stages tags lastActivityBefore followUpDue }
    sort { field direction }
  } }`;
const LIST = `query($first: Int, $after: String) {
  savedAccountViews(first: $first, after: $after) {
    edges { cursor node { id name shared ownerId } }
    pageInfo { endCursor hasNextPage }
    totalCount
  } }`;

interface ViewPage {
  savedAccountViews: {
    edges: { cursor: string; node: { id: string; name: string } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    totalCount: number;
  };
}
const DELETE = `mutation($id: ID!) { deleteAccountView(id: $id) { id } }`;

interface Saved {
  id: string;
  name: string;
  search: string | null;
  shared: boolean;
  owner: { displayName: string };
  filter: Record<string, unknown>;
  sort: { field: string; direction: string } | null;
}

describe('saved views of the accounts list: per user, shared to everyone on request', () => {
  let h: CustomerHarness;

  beforeAll(async () => {
    h = await startCustomerHarness('customer_saved_views');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function save(input: Record<string, unknown>, as = 'rep.east1') {
    return h.graphql<{ saveAccountView: Saved }>(SAVE, { input }, as);
  }
  async function names(as: string): Promise<string[]> {
    const res = await h.graphql<ViewPage>(LIST, { first: 200 }, as);
    expect(res.errors).toBeUndefined();
    expect(res.data!.savedAccountViews.pageInfo.hasNextPage).toBe(false);
    return res.data!.savedAccountViews.edges.map((e) => e.node.name);
  }

  it('keeps the search, the typed filter and the sort, and gives them back as saved', async () => {
    const res = await save({
      name: 'My A accounts due',
      search: 'Shanghai',
      filter: {
        grades: ['A'],
        stages: ['CUSTOMER'],
        tags: ['vip'],
        lastActivityBefore: '2026-11-01T00:00:00Z',
        followUpDue: true,
      },
      sort: { field: 'FOLLOW_UP_DUE', direction: 'ASC' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveAccountView).toMatchObject({
      name: 'My A accounts due',
      search: 'Shanghai',
      shared: false,
      owner: { displayName: 'Emma Eastwood' },
      filter: {
        grades: ['A'],
        stages: ['CUSTOMER'],
        tags: ['vip'],
        lastActivityBefore: '2026-11-01T00:00:00.000Z',
        followUpDue: true,
      },
      sort: { field: 'FOLLOW_UP_DUE', direction: 'ASC' },
    });
    const renamed = await save({ id: res.data!.saveAccountView.id, name: 'Due A accounts' });
    expect(renamed.data!.saveAccountView).toMatchObject({ name: 'Due A accounts', search: null, sort: null });
    expect(await names('rep.east1')).toContain('Due A accounts');
    expect(await names('rep.east1')).not.toContain('My A accounts due');
  });

  it('shows a private view to its owner only, a shared one to everyone, and lets only the owner change it', async () => {
    const mine = (await save({ name: 'East private' })).data!.saveAccountView;
    const shared = (await save({ name: 'East shared', shared: true })).data!.saveAccountView;
    expect(await names('rep.south1')).toContain('East shared');
    expect(await names('rep.south1')).not.toContain('East private');

    const edit = await save({ id: shared.id, name: 'Taken over' }, 'rep.south1');
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const peek = await save({ id: mine.id, name: 'Peek' }, 'rep.south1');
    expect(peek.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const del = await h.graphql(DELETE, { id: shared.id }, 'rep.south1');
    expect(del.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await names('rep.east1')).toEqual(expect.arrayContaining(['East private', 'East shared']));

    // crm-admin may remove a shared view (someone shared something they should not), not a private one.
    expect((await h.graphql(DELETE, { id: mine.id }, 'admin1')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await h.graphql(DELETE, { id: shared.id }, 'admin1')).errors).toBeUndefined();
    expect(await names('rep.south1')).not.toContain('East shared');
    const audited: { action: string }[] = await h.app.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [shared.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['account_view.create', 'account_view.delete']);
  });

  it('refuses a second view of the same name (any case) and an empty name, naming the field', async () => {
    await save({ name: 'Weekly review' }, 'manager.east');
    const again = await save({ name: 'WEEKLY review' }, 'manager.east');
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ field: 'input.name', rule: 'unique' })],
    });
    const blank = await save({ name: '   ' }, 'manager.east');
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      violations: [expect.objectContaining({ field: 'input.name', rule: 'length' })],
    });
    // Another user may use the same name.
    expect((await save({ name: 'Weekly review' }, 'manager.south')).errors).toBeUndefined();
  });

  it('keeps at most 50 views per user', async () => {
    for (let i = 1; i <= 50; i++) expect((await save({ name: `View ${i}` }, 'agent1')).errors).toBeUndefined();
    const over = await save({ name: 'View 51' }, 'agent1');
    expect(over.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [expect.objectContaining({ rule: 'max_views' })],
    });
    expect(await names('agent1')).toHaveLength(50);
  });

  it('pages the views by name with after: each once, in order, with the total; a bad after is refused naming it', async () => {
    // Mixed case and a shared view of another user: the order is by name whatever the case, then id.
    const mine = ['paging c', 'Paging A', 'paging e', 'PAGING B', 'paging d'];
    for (const name of mine) expect((await save({ name }, 'manager.south')).errors).toBeUndefined();
    expect((await save({ name: 'Paging f shared', shared: true }, 'manager.east')).errors).toBeUndefined();
    const all = await names('manager.south');
    const sorted = [...all].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    expect(all).toEqual(sorted);

    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const variables: Record<string, unknown> = { first: 2, after };
      const res = await h.graphql<ViewPage>(LIST, variables, 'manager.south');
      expect(res.errors).toBeUndefined();
      const page: ViewPage['savedAccountViews'] = res.data!.savedAccountViews;
      expect(page.totalCount).toBe(all.length);
      expect(page.edges.length).toBeLessThanOrEqual(2);
      walked.push(...page.edges.map((e) => e.node.name));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(walked.filter((n) => n.toLowerCase().startsWith('paging'))).toEqual([
      'Paging A',
      'PAGING B',
      'paging c',
      'paging d',
      'paging e',
      'Paging f shared',
    ]);

    for (const bad of ['not-a-cursor', Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url')]) {
      const res = await h.graphql<ViewPage>(LIST, { first: 2, after: bad }, 'manager.south');
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        violations: [expect.objectContaining({ field: 'after', rule: 'cursor' })],
      });
    }
  });
});
