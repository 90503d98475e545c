import { readFileSync } from 'node:fs';
import { demoUsers, passwordToken, realmFile, type Stack } from '@crm/testing';
import { e2eLogDirectory } from './e2e-log-directory';
import { startE2eStack } from './e2e-stack';
import { graphqlClient } from './gateway-client';
import { readLogDirectory } from './process-logs';

// No personal data and no credential in any log line: the stack runs at debug level with every process's output in a
// file under .tmp/e2e-logs/ (kept only if the test fails), a realistic set of operations feeds it distinctive personal
// data, bad input, a wrong password and forged tokens, and every line of every process is searched for them.

const person = {
  accountEmail: 'pii.account.qx7@privacy-probe.cn',
  accountPhone: '+86 139 7531 8642',
  contactEmail: 'pii.contact.zq8@privacy-probe.cn',
  contactPhone: '+86 138 2468 1357',
  leadEmail: 'pii.lead.wk3@privacy-probe.cn',
  leadPhone: '+86 137 1122 3344',
  requesterEmail: 'pii.requester.jd5@privacy-probe.cn',
  messageEmail: 'pii.message.rt9@privacy-probe.cn',
  badEmail: 'pii.bad.vn2@@privacy-probe',
};
/** The digits of each phone as E.164 and as dialled nationally: a log could hold either after normalisation. */
const phoneForms = (phone: string) => [phone, `+${phone.replace(/\D/g, '')}`, phone.replace(/\D/g, '').slice(2)];

const WRONG_PASSWORD = 'Wrong-Pa55word-k9!';
const FORGED_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmb3JnZWQtc3ViIn0.Zm9yZ2VkLXNpZ25hdHVyZS1wcml2YWN5';

describe('the logs of a full run hold no personal data and no credential', () => {
  let stack: Stack;
  const logFolder = e2eLogDirectory('privacy');
  const client = graphqlClient(() => stack.urls.gateway);
  const users = ['rep.east1', 'agent1', 'admin1'];
  const bearers: string[] = [];

  beforeAll(async () => {
    stack = await startE2eStack('privacy', { logDir: logFolder.path, logLevel: 'debug' });
    const { createAccount } = await client.must<{ createAccount: { account: { id: string } } }>(
      'rep.east1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: {
          account: { name: 'Privacy Probe Trading Co.', emails: [person.accountEmail], phones: [person.accountPhone] },
          duplicatePolicy: 'OVERRIDE',
        },
      },
    );
    const accountId = createAccount.account.id;
    await client.must('rep.east1', `mutation($input: ContactInput!) { createContact(input: $input) { id } }`, {
      input: { accountId, name: 'Wang Privacy', emails: [person.contactEmail], phones: [person.contactPhone] },
    });
    await client.must('rep.east1', `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`, {
      input: {
        personName: 'Li Privacy',
        companyName: 'Probe Lead Ltd',
        email: person.leadEmail,
        phone: person.leadPhone,
      },
    });
    const { createTicket } = await client.must<{ createTicket: { id: string } }>(
      'agent1',
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      {
        input: {
          accountId,
          subject: 'Cannot log in',
          channel: 'EMAIL',
          category: 'access',
          requesterEmail: person.requesterEmail,
        },
      },
    );
    await client.must(
      'agent1',
      `mutation($t: ID!, $b: String!) { addTicketMessage(ticketId: $t, kind: NOTE, body: $b) { id } }`,
      {
        t: createTicket.id,
        b: `Customer asked to write to ${person.messageEmail} or call ${person.contactPhone}`,
      },
    );
    // Bad input that carries personal data: the error path must not log it either.
    const rejected = await client.gql(
      'rep.east1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      { input: { account: { name: 'Bad Probe', emails: [person.badEmail], phones: ['+86 12'] } } },
    );
    expect(rejected.errors?.length).toBeGreaterThan(0);
    // The admin reads the account 360 (personal data in the responses, never in the logs).
    await client.must(
      'admin1',
      `query($id: ID!) { account(id: $id) { id emails phones contacts { edges { node { emails } } } } }`,
      {
        id: accountId,
      },
    );
    // A failed login and forged or malformed tokens at the gateway and at a subgraph directly.
    await expect(passwordToken('rep.east1', WRONG_PASSWORD)).rejects.toThrow();
    for (const [url, authorization] of [
      [stack.urls.gateway, `Bearer ${FORGED_TOKEN}`],
      [stack.urls.customerGraphql!, `Bearer ${FORGED_TOKEN}`],
      [stack.urls.gateway, `Basic ${Buffer.from(`rep.east1:${WRONG_PASSWORD}`).toString('base64')}`],
    ] as const) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await res.text();
    }
    for (const user of users) bearers.push(await client.bearer(user));
    // The outbox relays and consumers run after the requests: let them log what they do.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    logFolder.removeUnlessFailed();
  });

  it('finds none of the personal data, passwords, tokens or client secrets in any process log', async () => {
    // Stopping flushes the last lines (shutdown logging included).
    await stack.stop();
    const logs = readLogDirectory(logFolder.path);
    expect(Object.keys(logs).sort()).toEqual(['customer', 'gateway', 'sales-pipeline', 'service-ticket']);
    const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as { clients: { clientId: string; secret?: string }[] };
    const forbidden: Record<string, string[]> = {
      emails: Object.entries(person)
        .filter(([key]) => key.endsWith('Email'))
        .flatMap(([, email]) => [email, email.split('@')[0]!]),
      phones: [person.accountPhone, person.contactPhone, person.leadPhone].flatMap(phoneForms),
      demoUserEmails: demoUsers()
        .map((u) => u.email)
        .filter(Boolean),
      passwords: [WRONG_PASSWORD, ...demoUsers().map((u) => u.password)].filter((p) => p.length >= 6),
      tokens: [FORGED_TOKEN, ...bearers.map((b) => b.replace(/^Bearer /, ''))].flatMap((t) => [t, t.split('.')[2]!]),
      clientSecrets: realm.clients.flatMap((c) => (c.secret ? [c.secret] : [])),
    };
    const hits: string[] = [];
    for (const [process, text] of Object.entries(logs)) {
      const lines = text.split('\n');
      for (const [kind, values] of Object.entries(forbidden)) {
        for (const value of values) {
          const line = lines.find((l) => l.includes(value));
          if (line) hits.push(`${process}: ${kind} "${value}" in: ${line.slice(0, 300)}`);
        }
      }
    }
    expect(hits).toEqual([]);
    // The search is meaningful: the run logged its requests (and with them the places data could leak).
    expect(logs.gateway!.split('\n').filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(8);
  });
});
