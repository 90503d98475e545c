import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appendAudit, AUDIT_CHAIN_LOCK_KEY } from '@crm/platform/audit';
import { clientSecret, keycloakIssuer } from '@crm/testing';
import { systemActor } from '@crm/platform/auth';
import { OffboardingService } from '../src/application/offboarding-service';
import { KeycloakUserDirectory } from '@crm/platform/auth';
import type { ImportReport } from '../src/import/import-report';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value, or 'timeout' when it takes longer than `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('lock order: bulk writers next to the users they work beside', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_lock_order');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function createAccount(name: string, as: string): Promise<string> {
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name } } },
      as,
    );
    return created.data!.createAccount.account.id;
  }

  /** Waits until some session waits for a lock (at most `ms`); true if one does. */
  async function someoneWaitsForALock(ms: number): Promise<boolean> {
    for (let waited = 0; waited < ms; waited += 50) {
      const [{ n }]: { n: number }[] = await h.app.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`,
      );
      if (n > 0) return true;
      await sleep(50);
    }
    return false;
  }

  async function auditChainLocked(): Promise<boolean> {
    const [{ n }]: { n: number }[] = await h.app.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
      [AUDIT_CHAIN_LOCK_KEY],
    );
    return n > 0;
  }

  it("does not hold up another user's audited write while a dry-run upload is still arriving", async () => {
    const accountId = await createAccount('Slow Upload Bystander Ltd', 'rep.east1');
    const token = await h.token('manager.east');
    const upload = request({
      host: '127.0.0.1',
      port: h.app.httpPort,
      method: 'POST',
      path: '/imports/accounts?dryRun=true',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      upload.on('error', reject);
    });
    try {
      // Several batches (1,000 rows each, past the 64 KiB the encoding sniffer reads) arrive, then the client stalls.
      const rows = Array.from({ length: 4000 }, (_, i) => `Slow Upload ${String(i).padStart(4, '0')} Ltd`);
      upload.write(`name\n${rows.join('\n')}\n`);
      // Give the service time to work through what it has (before the fix, it then held the audit chain's lock).
      for (let waited = 0; waited < 3000 && !(await auditChainLocked()); waited += 50) await sleep(50);
      const update = h.graphql<{ updateAccount: { industry: string } }>(
        `mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { industry } }`,
        { i: { id: accountId, account: { industry: 'Logistics' } } },
        'rep.east1',
      );
      const result = await within(3000, update);
      expect(result).not.toBe('timeout');
      expect(result).toMatchObject({ data: { updateAccount: { industry: 'Logistics' } } });
    } finally {
      upload.end('Slow Upload Last Ltd\n');
    }
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(body) as ImportReport).toMatchObject({ dryRun: true, rowsRead: 4001, created: 4001, failed: 0 });
    const [{ n }]: { n: number }[] = await h.app.dataSource.query(
      `SELECT count(*)::int AS n FROM accounts WHERE name LIKE 'Slow Upload %'`,
    );
    expect(n).toBe(1); // the bystander only: the dry run changed nothing
  }, 30_000);

  it('an import updating an account that a user is updating at the same moment: both finish, no deadlock', async () => {
    const alpha = await createAccount('Lockstep Alpha Ltd', 'rep.east1');
    const beta = await createAccount('Lockstep Beta Ltd', 'rep.east1');
    // The user's update of Beta has locked its row and is about to append its audit row, as updateAccount does.
    const user = h.app.dataSource.createQueryRunner();
    await user.connect();
    await user.startTransaction();
    let userOutcome: string;
    let importOutcome: Promise<{ status: number; report: ImportReport }>;
    try {
      await user.query(`SELECT id FROM accounts WHERE id = $1 FOR UPDATE`, [beta]);
      const token = await h.token('admin1');
      // The file names Alpha first, then Beta, and changes both.
      importOutcome = fetch(`http://127.0.0.1:${h.app.httpPort}/imports/accounts?dryRun=false&policy=update`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: 'name,industry\nLockstep Alpha Ltd,Textiles\nLockstep Beta Ltd,Textiles\n',
      }).then(async (res) => ({ status: res.status, report: (await res.json()) as ImportReport }));
      expect(await someoneWaitsForALock(10_000)).toBe(true);
      try {
        await user.query(`UPDATE accounts SET industry = 'Shipping', version = version + 1 WHERE id = $1`, [beta]);
        await appendAudit(user.manager, {
          actor: { id: 'user-in-the-way', roles: ['sales-rep'] },
          action: 'account.update',
          entityType: 'account',
          entityId: beta,
          changes: [{ field: 'industry', before: null, after: 'Shipping' }],
        });
        await user.commitTransaction();
        userOutcome = 'committed';
      } catch (error) {
        userOutcome = `failed: ${(error as { code?: string }).code ?? String(error)}`;
        await user.rollbackTransaction();
      }
    } finally {
      await user.release();
    }
    const { status, report } = await importOutcome;
    expect({ userOutcome, status }).toEqual({ userOutcome: 'committed', status: 200 });
    expect(report).toMatchObject({ updated: 2, failed: 0 });
    const rows: { id: string; industry: string }[] = await h.app.dataSource.query(
      `SELECT id, industry FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY name`,
      [[alpha, beta]],
    );
    // The import waited for the user and wrote last.
    expect(rows).toEqual([
      { id: alpha, industry: 'Textiles' },
      { id: beta, industry: 'Textiles' },
    ]);
    const audited: { action: string; entity_id: string }[] = await h.app.dataSource.query(
      `SELECT action, entity_id FROM audit_log WHERE entity_id = ANY($1) AND action = 'account.update' ORDER BY seq`,
      [[alpha, beta]],
    );
    expect(audited).toEqual([
      { action: 'account.update', entity_id: beta },
      { action: 'account.update', entity_id: alpha },
      { action: 'account.update', entity_id: beta },
    ]);
  }, 30_000);

  it('offboarding a user whose shares are being changed at the same moment: both finish, no deadlock', async () => {
    const leaver = randomUUID();
    const grantee = randomUUID();
    const ids = [randomUUID(), randomUUID()].sort();
    for (const [i, id] of ids.entries()) {
      await h.app.dataSource.query(
        `INSERT INTO accounts (id, name, name_key, lifecycle_stage, owner_id, team_id, created_by, created_at, updated_by,
                               updated_at)
         VALUES ($1, $2, lower($2), 'customer', $3, 'sales-east', 'test', now(), 'test', now())`,
        [id, `Leaver Account ${i}`, leaver],
      );
      await h.app.dataSource.query(
        `INSERT INTO account_grants (id, account_id, grantee_id, access, source, granted_by, granted_at)
         VALUES ($1, $2, $3, 'read', 'share', $4, now())`,
        [randomUUID(), id, grantee, leaver],
      );
    }
    const offboarding = new OffboardingService(
      h.app.dataSource,
      new KeycloakUserDirectory({
        issuer: keycloakIssuer(),
        clientId: 'crm-services',
        clientSecret: clientSecret('crm-services'),
      }),
      { toPool: true },
    );
    // Someone holds the share on the second account (in id order) and is about to append their audit row.
    const user = h.app.dataSource.createQueryRunner();
    await user.connect();
    await user.startTransaction();
    let userOutcome: string;
    let offboarded: Promise<string>;
    try {
      await user.query(`SELECT id FROM account_grants WHERE account_id = $1 FOR UPDATE`, [ids[1]]);
      offboarded = offboarding.offboardUser(leaver, systemActor('lock-order-test')).then(
        (r) => `offboarded ${r.accounts.length}`,
        (error: { code?: string }) => `failed: ${error.code ?? String(error)}`,
      );
      expect(await someoneWaitsForALock(10_000)).toBe(true);
      try {
        await appendAudit(user.manager, {
          actor: { id: 'user-in-the-way', roles: ['sales-manager'] },
          action: 'account.share',
          entityType: 'account',
          entityId: ids[1],
        });
        await user.commitTransaction();
        userOutcome = 'committed';
      } catch (error) {
        userOutcome = `failed: ${(error as { code?: string }).code ?? String(error)}`;
        await user.rollbackTransaction();
      }
    } finally {
      await user.release();
    }
    expect({ userOutcome, offboarding: await offboarded }).toEqual({
      userOutcome: 'committed',
      offboarding: 'offboarded 2',
    });
    const unshared: { entity_id: string }[] = await h.app.dataSource.query(
      `SELECT entity_id FROM audit_log WHERE action = 'account.unshare' AND entity_id = ANY($1) ORDER BY entity_id`,
      [ids],
    );
    expect(unshared.map((r) => r.entity_id)).toEqual(ids);
  }, 30_000);
});
