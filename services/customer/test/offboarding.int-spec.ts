import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createLogger } from '@crm/platform/logging';
import { customerEventsV1 } from '@crm/contracts';
import { clientSecret, describeWithKeycloak, freePort, keycloakAdminUrl, keycloakIssuer, repoRoot } from '@crm/testing';
import { KeycloakUserDirectory } from '@crm/platform/auth';
import { KeycloakUserWatch } from '../src/application/keycloak-user-watch';
import { OffboardingService } from '../src/application/offboarding-service';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const ADMIN_PASSWORD = 'offboarding-test-admin';

/**
 * The shared test Keycloak has no admin that may disable users (crm-services only views them), and disabling a demo
 * user there would break the test files running beside this one. This file starts its own Keycloak with a bootstrap
 * master admin (scripts/keycloak/start.mjs) and points the harness at it.
 */
async function startPrivateKeycloak(): Promise<{ issuer: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'keycloak', 'start.mjs'), '--port', String(port)], {
    env: { ...process.env, KEYCLOAK_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /issuer\s+(\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`private Keycloak exited (${code}):\n${output}`)));
  });
  return { issuer, process: child };
}

async function masterAdminToken(): Promise<string> {
  const base = keycloakIssuer().replace(/\/realms\/[^/]+$/, '');
  const response = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'admin',
      password: ADMIN_PASSWORD,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no master admin token: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function setEnabled(userId: string, enabled: boolean): Promise<void> {
  const response = await fetch(`${keycloakAdminUrl()}/users/${userId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await masterAdminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  if (response.status !== 204)
    throw new Error(`could not set enabled=${enabled}: ${response.status} ${await response.text()}`);
}

const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id ownerId teamId } } }`;

describeWithKeycloak('Offboarding a user disabled in Keycloak', () => {
  const sharedIssuer = process.env.CRM_TEST_KEYCLOAK_URL;
  let keycloak: { issuer: string; process: ChildProcess };
  let h: CustomerHarness;
  let directory: KeycloakUserDirectory;
  let watch: KeycloakUserWatch;
  let rep: string;
  let manager: string;
  const accounts: string[] = [];
  let contactId: string;
  let neighbour: string;
  const ownedContacts: string[] = [];

  async function createAccount(name: string, ownerId: string, teamId: string): Promise<string> {
    const res = await h.graphql<{ createAccount: { account: { id: string } } }>(CREATE_ACCOUNT, {
      input: { account: { name, ownerId, teamId }, duplicatePolicy: 'OVERRIDE' },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createAccount.account.id;
  }

  const ownerOf = async (id: string): Promise<string | null> =>
    (
      (await h.app.dataSource.query(`SELECT owner_id FROM accounts WHERE id = $1`, [id])) as {
        owner_id: string | null;
      }[]
    )[0].owner_id;
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await h.app.dataSource.query(sql, params)) as { n: string }[])[0].n);

  beforeAll(async () => {
    keycloak = await startPrivateKeycloak();
    process.env.CRM_TEST_KEYCLOAK_URL = keycloak.issuer;
    h = await startCustomerHarness('offboarding');
    directory = new KeycloakUserDirectory({
      issuer: keycloak.issuer,
      clientId: 'crm-services',
      clientSecret: clientSecret('crm-services'),
    });
    watch = new KeycloakUserWatch(
      new OffboardingService(h.app.dataSource, directory, { toPool: false }),
      createLogger('offboarding-test', { level: 'silent' }),
    );
    rep = await h.userId('rep.east2');
    manager = await h.userId('manager.east');
    accounts.push(await createAccount('Offboard East Trading', rep, 'sales-east'));
    accounts.push(await createAccount('Offboard East Logistics', rep, 'sales-east'));
    const contact = await h.graphql<{ createContact: { id: string } }>(
      `mutation ($input: ContactInput!) { createContact(input: $input) { id } }`,
      { input: { accountId: accounts[0], name: 'Chen Jie' } },
    );
    contactId = contact.data!.createContact.id;
    // Contacts the leaver owns: one on their own account, one on a colleague's account.
    neighbour = await createAccount('Offboard East Neighbour', await h.userId('rep.east1'), 'sales-east');
    for (const accountId of [accounts[1], neighbour]) {
      const owned = await h.graphql<{ createContact: { id: string } }>(
        `mutation ($input: ContactInput!) { createContact(input: $input) { id } }`,
        { input: { accountId, name: `Contact of ${accountId}`, ownerId: rep } },
      );
      expect(owned.errors).toBeUndefined();
      ownedContacts.push(owned.data!.createContact.id);
    }
    const activity = await h.graphql(`mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`, {
      input: { accountId: accounts[0], kind: 'CALL', subject: 'Renewal call' },
    });
    expect(activity.errors).toBeUndefined();
    const share = await h.graphql(
      `mutation ($input: ShareAccountInput!) { shareAccount(input: $input) { id } }`,
      { input: { accountId: accounts[0], granteeId: await h.userId('rep.south1'), access: 'READ' } },
      'rep.east2',
    );
    expect(share.errors).toBeUndefined();
  }, 300_000);

  afterAll(async () => {
    if (rep) await setEnabled(rep, true).catch(() => undefined);
    await h?.stop();
    if (keycloak) {
      const exited = new Promise((resolve) => keycloak.process.once('exit', resolve));
      keycloak.process.kill('SIGTERM');
      await exited;
    }
    process.env.CRM_TEST_KEYCLOAK_URL = sharedIssuer;
  }, 60_000);

  it('reads disabled users and team managers through the admin API with the crm-services service account', async () => {
    expect(await directory.disabledUserIds()).toEqual([]);
    expect(await directory.teamManagers('sales-east')).toEqual([manager]);
    expect(await directory.userTeams(rep)).toEqual(['sales-east']);
    expect(await watch.pollOnce()).toEqual([]);
  });

  it("hands a disabled rep's accounts to the team manager, keeping contacts and activities linked", async () => {
    await setEnabled(rep, false);
    expect(await directory.disabledUserIds()).toEqual([rep]);

    const [result] = await watch.pollOnce();
    expect(result).toMatchObject({
      userId: rep,
      alreadyOffboarded: false,
      handovers: [{ teamId: 'sales-east', newOwnerId: manager }],
    });
    expect(result.accounts.map((a) => a.accountId).sort()).toEqual([...accounts].sort());
    for (const id of accounts) expect(await ownerOf(id)).toBe(manager);

    expect(
      await count(`SELECT count(*) AS n FROM contacts WHERE id = $1 AND account_id = $2`, [contactId, accounts[0]]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM activities WHERE account_id = $1`, [accounts[0]])).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM pool_moves WHERE kind = 'offboard' AND from_owner_id = $1 AND to_owner_id = $2`,
        [rep, manager],
      ),
    ).toBe(2);

    // Contacts follow to their account's owner: the manager for the leaver's account, the colleague for theirs.
    const contactOwners: { id: string; owner_id: string | null }[] = await h.app.dataSource.query(
      `SELECT id, owner_id FROM contacts WHERE id = ANY($1::uuid[])`,
      [ownedContacts],
    );
    expect(new Map(contactOwners.map((c) => [c.id, c.owner_id]))).toEqual(
      new Map([
        [ownedContacts[0], manager],
        [ownedContacts[1], await h.userId('rep.east1')],
      ]),
    );
    expect(result.contactsReassigned).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM contacts WHERE owner_id = $1`, [rep])).toBe(0);
    expect(await ownerOf(neighbour)).toBe(await h.userId('rep.east1'));
    // The shares the leaver gave go with them; the manager decides who else sees the accounts now.
    expect(await count(`SELECT count(*) AS n FROM account_grants WHERE granted_by = $1`, [rep])).toBe(0);

    const auditRows = (await h.app.dataSource.query(
      `SELECT action, entity_type, entity_id, actor_id, changes, details FROM audit_log
        WHERE action IN ('account.offboard_reassign', 'user.offboard') ORDER BY seq`,
    )) as { action: string; entity_id: string; actor_id: string; changes: unknown; details: Record<string, unknown> }[];
    expect(auditRows.map((r) => r.action)).toEqual([
      'account.offboard_reassign',
      'account.offboard_reassign',
      'user.offboard',
    ]);
    expect(auditRows.every((r) => r.actor_id === 'system')).toBe(true);
    expect(auditRows[0].changes).toEqual([{ field: 'ownerId', before: rep, after: manager }]);
    expect(auditRows[2]).toMatchObject({
      entity_id: rep,
      details: { accounts: 2, contacts: 2, toManager: 2, toPool: 0, policy: 'manager' },
    });

    const events = await h.streamEvents();
    const offboarded = events.filter((e) => e.subject === 'crm.customer.user.offboarded');
    expect(offboarded).toHaveLength(1);
    const message = customerEventsV1.UserOffboarded.decode(offboarded[0].data);
    expect(message.userId).toBe(rep);
    expect(message.handovers).toEqual([{ teamId: 'sales-east', newOwnerId: manager }]);
    expect(message.reassignedAccounts.map((a) => a.accountId).sort()).toEqual([...accounts].sort());
    const ownerChanged = events.filter((e) => e.subject === 'crm.customer.account.owner_changed');
    expect(ownerChanged).toHaveLength(2);
    const contactUpdates = events
      .filter((e) => e.subject === 'crm.customer.contact.updated')
      .map((e) => customerEventsV1.ContactUpdated.decode(e.data))
      .filter((m) => m.changes.some((c) => c.field === 'ownerId'));
    expect(contactUpdates.map((m) => m.contact!.id).sort()).toEqual([...ownedContacts].sort());
  });

  it('changes nothing on the next poll', async () => {
    const before = await count(`SELECT count(*) AS n FROM audit_log`);
    const moves = await count(`SELECT count(*) AS n FROM pool_moves`);
    expect(await watch.pollOnce()).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM audit_log`)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM pool_moves`)).toBe(moves);
    for (const id of accounts) expect(await ownerOf(id)).toBe(manager);
  });

  it('returns the accounts to the pool when OFFBOARD_TO_POOL is set', async () => {
    const late = await createAccount('Offboard East Late Assignment', rep, 'sales-east');
    const toPool = new KeycloakUserWatch(
      new OffboardingService(h.app.dataSource, directory, { toPool: true }),
      createLogger('offboarding-test', { level: 'silent' }),
    );
    const [result] = await toPool.pollOnce();
    expect(result).toMatchObject({
      userId: rep,
      accounts: [{ accountId: late, teamId: 'sales-east', newOwnerId: null }],
    });
    expect(await ownerOf(late)).toBeNull();
    expect(
      await count(
        `SELECT count(*) AS n FROM pool_moves WHERE kind = 'offboard' AND account_id = $1 AND to_owner_id IS NULL`,
        [late],
      ),
    ).toBe(1);
    expect(await toPool.pollOnce()).toEqual([]);
  });

  it('lets crm-admin offboard a user through GraphQL, and nobody else', async () => {
    const south = await h.userId('rep.south2');
    const southManager = await h.userId('manager.south');
    const account = await createAccount('Offboard South Foods', south, 'sales-south');
    const mutation = `mutation ($userId: ID!) { offboardUser(userId: $userId) { userId alreadyOffboarded contactsReassigned accounts { accountId newOwnerId } handovers { teamId newOwnerId } } }`;
    const denied = await h.graphql(mutation, { userId: south }, 'manager.south');
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await ownerOf(account)).toBe(south);

    const res = await h.graphql<{ offboardUser: Record<string, unknown> }>(mutation, { userId: south });
    expect(res.errors).toBeUndefined();
    expect(res.data!.offboardUser).toEqual({
      userId: south,
      alreadyOffboarded: false,
      contactsReassigned: 0,
      accounts: [{ accountId: account, newOwnerId: southManager }],
      handovers: [{ teamId: 'sales-south', newOwnerId: southManager }],
    });
    expect(await ownerOf(account)).toBe(southManager);
    const again = await h.graphql<{ offboardUser: { alreadyOffboarded: boolean } }>(mutation, { userId: south });
    expect(again.data!.offboardUser.alreadyOffboarded).toBe(true);
  });
});
