import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const leadFields =
  'id companyName personName email phone status ownerId teamId source assignmentRuleId disqualifyReason';
const createLead = `mutation($input: CreateLeadInput!) { createLead(input: $input) { ${leadFields} } }`;
const defineRule = `mutation($input: DefineLeadAssignmentRuleInput!) { defineLeadAssignmentRule(input: $input) { id } }`;

interface Lead {
  id: string;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  assignmentRuleId: string | null;
  disqualifyReason: string | null;
}

describeWithKeycloak('leads', () => {
  let h: SalesHarness;

  beforeAll(async () => {
    h = await startSalesHarness('sales_leads');
  }, 120_000);
  afterAll(() => h?.stop());

  async function capture(input: Record<string, unknown>, as = 'rep.east1'): Promise<Lead> {
    const res = await h.graphql<{ createLead: Lead }>(createLead, { input }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.createLead;
  }

  it('are captured by a rep as their own, with normalized email and phone, and announced', async () => {
    const res = await h.graphql<{ createLead: Record<string, unknown> }>(
      createLead,
      { input: { companyName: ' Hangzhou  Tea Co. ', email: 'Li.Wei@Example.COM', phone: '138 0013 8000' } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createLead).toMatchObject({
      companyName: 'Hangzhou Tea Co.',
      email: 'li.wei@example.com',
      phone: '+8613800138000',
      status: 'NEW',
      source: 'GRAPHQL',
      ownerId: await h.userId('rep.east1'),
      teamId: 'sales-east',
    });
    const subjects = (await h.streamEvents()).map((e) => e.subject);
    expect(subjects).toEqual(expect.arrayContaining(['crm.sales.lead.captured', 'crm.sales.lead.assigned']));
  });

  it('refuse a lead without a company or person name and a bad email, naming both fields', async () => {
    const res = await h.graphql(createLead, { input: { email: 'not-an-email' } }, 'rep.east1');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const text = JSON.stringify(res.errors?.[0]?.extensions);
    expect(text).toContain('companyName');
    expect(text).toContain('email');
  });

  it('are created once per idempotency key', async () => {
    const input = { personName: 'Zhang San', idempotencyKey: 'lead-77' };
    const first = await capture(input);
    const retry = await capture(input);
    expect(retry.id).toBe(first.id);
    const other = await h.graphql(createLead, { input: { ...input, personName: 'Li Si' } }, 'rep.east1');
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('are listed page by page, newest change first, without repeats or gaps', async () => {
    const query = `query($after: String) {
      leads(first: 1, after: $after) { totalCount edges { node { id } } pageInfo { endCursor hasNextPage } }
    }`;
    type Page = {
      leads: {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const res: { data?: Page } = await h.graphql<Page>(query, { after }, 'rep.east1');
      total = res.data!.leads.totalCount;
      seen.push(...res.data!.leads.edges.map((e) => e.node.id));
      after = res.data!.leads.pageInfo.hasNextPage ? res.data!.leads.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(1);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('are seen by the owner, their team’s manager, admin and auditors, and by no other rep', async () => {
    const lead = await capture({ companyName: 'Private lead Ltd' });
    const query = `query($id: ID!) { lead(id: $id) { id } }`;
    for (const who of ['rep.east1', 'manager.east', 'admin1', 'auditor1']) {
      const res = await h.graphql<{ lead: { id: string } | null }>(query, { id: lead.id }, who);
      expect({ who, id: res.data?.lead?.id }).toEqual({ who, id: lead.id });
    }
    for (const who of ['rep.east2', 'rep.south1', 'manager.south']) {
      const res = await h.graphql(query, { id: lead.id }, who);
      expect({ who, code: res.errors?.[0]?.extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    const list = await h.graphql<{ leads: { totalCount: number } }>(`{ leads { totalCount } }`, {}, 'rep.south1');
    expect(list.data?.leads.totalCount).toBe(0);
    const auditorWrite = await h.graphql(
      `mutation($id: ID!) { qualifyLead(id: $id) { id } }`,
      { id: lead.id },
      'auditor1',
    );
    expect(auditorWrite.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('are edited field by field (null clears one), checked like a capture, and audited', async () => {
    const lead = await capture({ companyName: 'Edit me Ltd', personName: 'Gao Yang', email: 'gao@edit.cn' });
    const update = `mutation($id: ID!, $input: UpdateLeadInput!) {
      updateLead(id: $id, input: $input) { companyName personName email title }
    }`;
    const res = await h.graphql<{ updateLead: Record<string, unknown> }>(
      update,
      { id: lead.id, input: { email: 'Gao.Yang@Edit.CN', title: 'CTO', personName: null } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateLead).toEqual({
      companyName: 'Edit me Ltd',
      personName: null,
      email: 'gao.yang@edit.cn',
      title: 'CTO',
    });
    const bad = await h.graphql(update, { id: lead.id, input: { companyName: null } }, 'rep.east1');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('companyName');
    const byOther = await h.graphql(update, { id: lead.id, input: { title: 'CEO' } }, 'rep.east2');
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const history = await h.graphql<{ salesFieldHistory: { edges: { node: { after: unknown } }[] } }>(
      `query($id: ID!) { salesFieldHistory(entityType: "lead", entityId: $id, field: "email") { edges { node { after } } } }`,
      { id: lead.id },
      'auditor1',
    );
    expect(history.data?.salesFieldHistory.edges.map((e) => e.node.after)).toEqual(['gao.yang@edit.cn']);
  });

  it('are qualified, and disqualified only with a reason (OTHER needs a note)', async () => {
    const lead = await capture({ companyName: 'Qualify me' });
    const qualified = await h.graphql<{ qualifyLead: Lead }>(
      `mutation($id: ID!) { qualifyLead(id: $id) { status } }`,
      { id: lead.id },
      'rep.east1',
    );
    expect(qualified.data?.qualifyLead.status).toBe('QUALIFIED');
    const disqualify = `mutation($id: ID!, $reason: DisqualifyReason!, $note: String) {
      disqualifyLead(id: $id, reason: $reason, note: $note) { status disqualifyReason disqualifyNote } }`;
    const noNote = await h.graphql(disqualify, { id: lead.id, reason: 'OTHER' }, 'rep.east1');
    expect(noNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(noNote.errors?.[0]?.extensions)).toContain('note');
    const done = await h.graphql<{ disqualifyLead: Record<string, unknown> }>(
      disqualify,
      { id: lead.id, reason: 'NO_BUDGET' },
      'rep.east1',
    );
    expect(done.data?.disqualifyLead).toMatchObject({ status: 'DISQUALIFIED', disqualifyReason: 'NO_BUDGET' });
    const byStatus = await h.graphql<{ leads: { totalCount: number } }>(
      `{ leads(filter: { status: DISQUALIFIED, source: GRAPHQL }) { totalCount } }`,
      {},
      'rep.east1',
    );
    expect(byStatus.data?.leads.totalCount).toBe(1);
  });

  it('are reassigned by the team’s manager (audited and announced), not by a rep', async () => {
    const lead = await capture({ companyName: 'Hand over Ltd' });
    const assign = `mutation($id: ID!, $ownerId: ID!) { assignLead(id: $id, ownerId: $ownerId) { ownerId owner { id } } }`;
    const rep2 = await h.userId('rep.east2');
    const byRep = await h.graphql(assign, { id: lead.id, ownerId: rep2 }, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byManager = await h.graphql<{ assignLead: Lead }>(assign, { id: lead.id, ownerId: rep2 }, 'manager.east');
    expect(byManager.data?.assignLead).toEqual({ ownerId: rep2, owner: { id: rep2 } });
    const seen = await h.graphql(`query($id: ID!) { lead(id: $id) { id } }`, { id: lead.id }, 'rep.east1');
    expect(seen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const trail = await h.graphql<{ salesAuditTrail: { edges: { node: { action: string } }[] } }>(
      `query($id: ID!) { salesAuditTrail(entityType: "lead", entityId: $id) { edges { node { action } } } }`,
      { id: lead.id },
      'auditor1',
    );
    expect(trail.data?.salesAuditTrail.edges.map((e) => e.node.action)).toContain('lead.assigned');
  });

  it('go by hand only to an enabled user, in a team of theirs, and by a manager only into a team they manage', async () => {
    const lead = await capture({ companyName: 'Across teams Ltd' });
    const assign = `mutation($id: ID!, $ownerId: ID!, $teamId: String) {
      assignLead(id: $id, ownerId: $ownerId, teamId: $teamId) { ownerId teamId } }`;
    const [south1, east2] = [await h.userId('rep.south1'), await h.userId('rep.east2')];
    const refusals = [
      [{ ownerId: south1 }, 'FORBIDDEN', 'ownerId', 'managed_team'],
      [{ ownerId: east2, teamId: 'sales-south' }, 'BAD_USER_INPUT', 'teamId', 'owner_team'],
      [{ ownerId: '00000000-0000-4000-8000-000000000001' }, 'BAD_USER_INPUT', 'ownerId', 'user'],
    ] as const;
    for (const [args, code, field, rule] of refusals) {
      const res = await h.graphql(assign, { id: lead.id, ...args }, 'manager.east');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code });
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(rule);
    }
    const unchanged = await h.graphql<{ lead: Lead }>(
      `query($id: ID!) { lead(id: $id) { ownerId teamId } }`,
      { id: lead.id },
      'manager.east',
    );
    expect(unchanged.data?.lead).toEqual({ ownerId: await h.userId('rep.east1'), teamId: 'sales-east' });
    // crm-admin hands it to the other team: the lead goes into the new owner's team, where its managers see it.
    const moved = await h.graphql<{ assignLead: Lead }>(assign, { id: lead.id, ownerId: south1 }, 'admin1');
    expect(moved.data?.assignLead).toEqual({ ownerId: south1, teamId: 'sales-south' });
    const seen = await h.graphql(`query($id: ID!) { lead(id: $id) { id } }`, { id: lead.id }, 'manager.south');
    expect(seen.errors).toBeUndefined();
    // And back (the team's lead counts of the other tests stay as they were).
    const back = await h.graphql<{ assignLead: Lead }>(assign, { id: lead.id, ownerId: east2 }, 'admin1');
    expect(back.data?.assignLead).toEqual({ ownerId: east2, teamId: 'sales-east' });
  });

  it('are assigned by the rules: round robin takes turns exactly, even with two replicas capturing at once', async () => {
    const [south1, south2] = [await h.userId('rep.south1'), await h.userId('rep.south2')];
    const rule = { id: 'south-rr', priority: 10, strategy: 'ROUND_ROBIN', teamId: 'sales-south' };
    const defined = await h.graphql(
      defineRule,
      { input: { ...rule, match: { regions: ['South'] }, members: [south1, south2] } },
      'admin1',
    );
    expect(defined.errors).toBeUndefined();
    const replica = await h.startReplica();
    try {
      const leads = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? replica : h)
            .graphql<{ createLead: Lead }>(
              createLead,
              { input: { companyName: `South ${i}`, region: 'south' } },
              'rep.east1',
            )
            .then((res) => res.data!.createLead),
        ),
      );
      const owners = leads.map((l) => l.ownerId);
      expect(owners.filter((o) => o === south1)).toHaveLength(6);
      expect(owners.filter((o) => o === south2)).toHaveLength(6);
      expect(new Set(leads.map((l) => l.assignmentRuleId))).toEqual(new Set(['south-rr']));
    } finally {
      await replica.stop();
    }
    // The unassigned lead of a team reaches its sales managers; the rep who typed it in no longer sees it.
    const seenBySouth = await h.graphql<{ leads: { totalCount: number } }>(
      `{ leads(filter: { teamId: "sales-south" }) { totalCount } }`,
      {},
      'manager.south',
    );
    expect(seenBySouth.data?.leads.totalCount).toBe(12);
  });

  it('are assigned by territory and to the least loaded member', async () => {
    const [east1, east2] = [await h.userId('rep.east1'), await h.userId('rep.east2')];
    const territory = await h.graphql(
      defineRule,
      {
        input: {
          id: 'east-banks',
          priority: 5,
          strategy: 'TERRITORY',
          teamId: 'sales-east',
          match: { regions: ['East'], industries: ['Banking'] },
          members: [east2],
        },
      },
      'admin1',
    );
    expect(territory.errors).toBeUndefined();
    const bank = await capture({ companyName: 'Ningbo Bank', region: 'East', industry: 'banking' }, 'manager.east');
    expect(bank).toMatchObject({ ownerId: east2, assignmentRuleId: 'east-banks' });
    await h.graphql(
      defineRule,
      {
        input: {
          id: 'east-load',
          priority: 20,
          strategy: 'LEAST_LOADED',
          teamId: 'sales-east',
          match: { regions: ['East'] },
          members: [east1, east2],
        },
      },
      'admin1',
    );
    // Least loaded counts open leads (new, working, qualified) per member, as an admin sees them.
    const open = async (owner: string) => {
      let total = 0;
      for (const status of ['NEW', 'WORKING', 'QUALIFIED']) {
        const res = await h.graphql<{ leads: { totalCount: number } }>(
          `query($o: ID!, $s: LeadStatus) { leads(filter: { ownerId: $o, status: $s }) { totalCount } }`,
          { o: owner, s: status },
          'admin1',
        );
        total += res.data!.leads.totalCount;
      }
      return total;
    };
    const [load1, load2] = [await open(east1), await open(east2)];
    expect(load1).not.toBe(load2);
    const expected = load1 < load2 ? east1 : east2;
    const next = await capture({ companyName: 'Suzhou Textiles', region: 'East' }, 'manager.east');
    expect(next).toMatchObject({ ownerId: expected, assignmentRuleId: 'east-load' });
    const rules = await h.graphql<{ leadAssignmentRules: { edges: { node: { id: string } }[] } }>(
      `{ leadAssignmentRules { edges { node { id } } } }`,
      {},
      'admin1',
    );
    expect(rules.data?.leadAssignmentRules.edges.map((e) => e.node.id)).toEqual([
      'east-banks',
      'south-rr',
      'east-load',
    ]);
    const badSource = await h.graphql(
      defineRule,
      {
        input: {
          id: 'bad',
          priority: 1,
          strategy: 'ROUND_ROBIN',
          teamId: 'sales-east',
          match: { sources: ['fax'] },
          members: [east1],
        },
      },
      'admin1',
    );
    expect(JSON.stringify(badSource.errors?.[0]?.extensions)).toContain('sources');
    const byRep = await h.graphql(`{ leadAssignmentRules { totalCount } }`, {}, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
