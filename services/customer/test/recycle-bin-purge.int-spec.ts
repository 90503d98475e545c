import { randomUUID } from 'node:crypto';
import { customerEventsV1 } from '@crm/contracts';
import { verifyAuditChain } from '@crm/platform/audit';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

describe('recycle-bin purge', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_recycle_bin_purge');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** An account deleted `daysAgo` days ago (seconds apart, so the purge meets them in this order). */
  async function binnedAccount(name: string, daysAgo: number): Promise<string> {
    const id = randomUUID();
    await h.app.dataSource.query(
      `INSERT INTO accounts (id, name, name_key, lifecycle_stage, owner_id, team_id, created_by, created_at, updated_by,
                             updated_at, deleted_at, deleted_by)
       VALUES ($1, $2, lower($2), 'prospect', NULL, 'sales-east', 'test', now(), 'test', now(),
               now() - make_interval(days => $3::int), 'rep-who-deleted')`,
      [id, name, daysAgo],
    );
    return id;
  }

  const rep = randomUUID();

  it('purges accounts that were claimed, shared or access-requested, keeps their pool history, audits and announces each', async () => {
    const claimed = await binnedAccount('Purge Claimed Ltd', 45);
    const shared = await binnedAccount('Purge Shared Ltd', 44);
    const requested = await binnedAccount('Purge Requested Ltd', 43);
    const plain = await binnedAccount('Purge Plain Ltd', 42);
    const recent = await binnedAccount('Purge Too Recent Ltd', 3);
    await h.app.dataSource.query(
      `INSERT INTO pool_moves (id, account_id, kind, from_owner_id, to_owner_id, actor_id, reason, moved_at)
       VALUES ($1, $2, 'claim', NULL, $3, $4, NULL, now() - interval '60 days')`,
      [randomUUID(), claimed, rep, rep],
    );
    await h.app.dataSource.query(
      `INSERT INTO account_grants (id, account_id, grantee_id, access, source, granted_by, granted_at)
       VALUES ($1, $2, $3, 'read', 'share', 'owner', now() - interval '60 days')`,
      [randomUUID(), shared, rep],
    );
    await h.app.dataSource.query(
      `INSERT INTO access_requests (id, account_id, requester_id, access, reason, status, requested_at)
       VALUES ($1, $2, $3, 'read', 'a deal', 'pending', now() - interval '60 days')`,
      [randomUUID(), requested, rep],
    );

    const result = await h.app.services.accounts.purgeRecycleBin(new Date(), 30);

    expect(result).toEqual({ purged: 4, failed: [] });
    const left: { id: string }[] = await h.app.dataSource.query(`SELECT id FROM accounts WHERE name LIKE 'Purge %'`);
    expect(left.map((r) => r.id)).toEqual([recent]);
    expect(
      await h.app.dataSource.query(`SELECT account_id, kind FROM pool_moves WHERE to_owner_id = $1`, [rep]),
    ).toEqual([{ account_id: null, kind: 'claim' }]);
    const purgedIds = [claimed, shared, requested, plain].sort();
    const audited: { entity_id: string; actor_id: string; details: Record<string, unknown> }[] =
      await h.app.dataSource.query(
        `SELECT entity_id, actor_id, details FROM audit_log WHERE action = 'account.purge' ORDER BY entity_id`,
      );
    expect(audited.map((a) => a.entity_id)).toEqual(purgedIds);
    expect(audited[0]).toMatchObject({
      actor_id: 'system',
      details: { deletedBy: 'rep-who-deleted', retentionDays: 30 },
    });
    expect(await verifyAuditChain(h.app.dataSource.manager)).toMatchObject({ ok: true });
    const events: { subject: string; payload: Buffer }[] = await h.app.dataSource.query(
      `SELECT subject, payload FROM outbox_events WHERE event_type = 'crm.customer.v1.AccountPurged'`,
    );
    expect(events.map((e) => e.subject)).toEqual(Array(4).fill('crm.customer.account.purged'));
    const announced = events.map((e) => customerEventsV1.AccountPurged.decode(e.payload));
    expect(announced.map((e) => e.accountId).sort()).toEqual(purgedIds);
    expect(announced[0]).toMatchObject({ deletedBy: 'rep-who-deleted', deletedAt: expect.any(Date) });
  });

  it('one account the database will not delete is reported and passed over; this run and the next purge the rest', async () => {
    // A table of another feature that still points at the account and does not let go.
    await h.app.dataSource.query(`CREATE TABLE purge_test_pins (account_id uuid NOT NULL REFERENCES accounts (id))`);
    const first = await binnedAccount('Pinned Before Ltd', 50);
    const pinned = await binnedAccount('Pinned Ltd', 49);
    const after = await binnedAccount('Pinned After Ltd', 48);
    await h.app.dataSource.query(`INSERT INTO purge_test_pins (account_id) VALUES ($1)`, [pinned]);

    const run = await h.app.services.accounts.purgeRecycleBin(new Date(), 30, 2);
    expect(run.purged).toBe(2);
    expect(run.failed).toEqual([{ accountId: pinned, reason: expect.stringContaining('purge_test_pins') }]);
    const left: { id: string }[] = await h.app.dataSource.query(`SELECT id FROM accounts WHERE id = ANY($1::uuid[])`, [
      [first, pinned, after],
    ]);
    expect(left.map((r) => r.id)).toEqual([pinned]);

    const later = await binnedAccount('Pinned Later Ltd', 40);
    const next = await h.app.services.accounts.purgeRecycleBin(new Date(), 30, 2);
    expect(next).toEqual({ purged: 1, failed: [{ accountId: pinned, reason: expect.any(String) }] });
    expect(await h.app.dataSource.query(`SELECT id FROM accounts WHERE id = $1`, [later])).toEqual([]);
  });
});
