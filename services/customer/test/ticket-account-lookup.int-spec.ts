import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const LOOKUP = `query($search: String!) {
  ticketAccountLookup(search: $search) { id name maskedPhone owner { id } contacts { name maskedPhone } } }`;
const ACCOUNTS = `query($search: String!) { accounts(search: $search) { totalCount } }`;

interface Match {
  id: string;
  name: string;
  maskedPhone: string | null;
  owner: { id: string } | null;
  contacts: { name: string; maskedPhone: string | null }[];
}

describe('ticketAccountLookup: the account a service agent opens a ticket on', () => {
  let h: CustomerHarness;
  let repId: string;
  let accountId: string;

  const lookup = (search: string, as = 'agent1') => h.graphql<{ ticketAccountLookup: Match[] }>(LOOKUP, { search }, as);

  beforeAll(async () => {
    h = await startCustomerHarness('customer_ticket_account_lookup');
    repId = await h.userId('rep.east1');
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      CREATE,
      {
        input: {
          account: {
            name: 'Hangzhou Pumpworks Ltd.',
            phones: ['+8657188001234'],
            emails: ['service@pumpworks.cn'],
            ownerId: repId,
            teamId: 'sales-east',
          },
          duplicatePolicy: 'OVERRIDE',
        },
      },
      'rep.east1',
    );
    expect(created.errors).toBeUndefined();
    accountId = created.data!.createAccount.account.id;
    const contact = await h.graphql(
      `mutation($input: ContactInput!) { createContact(input: $input) { id } }`,
      { input: { accountId, name: 'Zhou Min', phones: ['+8613912345678'] } },
      'rep.east1',
    );
    expect(contact.errors).toBeUndefined();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('finds an account the agent may not read by name, phone or email, with its owner and masked phones only', async () => {
    // The agent's own account list does not hold it: the lookup is what lets them open the ticket.
    const listed = await h.graphql<{ accounts: { totalCount: number } }>(ACCOUNTS, { search: 'Hangzhou' }, 'agent1');
    expect(listed.data!.accounts.totalCount).toBe(0);
    const expected = {
      id: accountId,
      name: 'Hangzhou Pumpworks Ltd.',
      maskedPhone: '+865•••••••234',
      owner: { id: repId },
      contacts: [{ name: 'Zhou Min', maskedPhone: '+861•••••••678' }],
    };
    for (const search of [
      'hangzhou pump',
      'Pumpworks',
      '0571 8800 1234',
      '+86 571 8800 1234',
      'SERVICE@pumpworks.cn',
    ]) {
      const found = await lookup(search);
      expect(found.errors).toBeUndefined();
      expect(found.data!.ticketAccountLookup).toEqual([expected]);
    }
    expect((await lookup('Nothing like it')).data!.ticketAccountLookup).toEqual([]);
  });

  it('audits every account a lookup revealed, by the agent, without keeping the search text', async () => {
    const agentId = await h.userId('service.manager');
    const found = await lookup('Pumpworks', 'service.manager');
    expect(found.data!.ticketAccountLookup.map((m) => m.id)).toEqual([accountId]);
    const rows: { entityId: string; details: Record<string, unknown> }[] = await h.app.dataSource.query(
      `SELECT entity_id AS "entityId", details FROM audit_log WHERE action = 'account.ticket_lookup' AND actor_id = $1`,
      [agentId],
    );
    expect(rows).toEqual([{ entityId: accountId, details: { matches: 1 } }]);
    expect(JSON.stringify(rows)).not.toMatch(/pumpworks/i);
  });

  it('refuses a search shorter than two characters, naming the field, and sales reps altogether', async () => {
    const short = await lookup(' H ');
    expect(short.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: ['search'], rule: 'min_length' }],
    });
    const rep = await lookup('Hangzhou', 'rep.east1');
    expect(rep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
