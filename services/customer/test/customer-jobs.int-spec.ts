import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const DAY_MS = 86_400_000;

describe('the customer service scheduled jobs, run by the host', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    // Intervals far beyond the test: each job runs only when the test ticks it (offboarding is off: no Keycloak admin).
    h = await startCustomerHarness('customer_jobs', {
      jobs: {
        outboxRetentionDays: 7,
        inboxRetentionDays: 30,
        recycleBinRetentionDays: 30,
        auditCheckpointMs: DAY_MS,
        auditRetentionDays: 365,
        offboardingPollMs: 0,
        creationKeyRetentionDays: 30,
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the audit checkpoint job anchors the head of the chain, audited as system with the run id', async () => {
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name: 'Scheduled Checkpoint Ltd' } } },
    );
    expect(created.errors).toBeUndefined();

    expect(await h.app.jobs.tick('audit-checkpoint')).toBe(true);
    await h.app.flushOutbox(10_000);
    const status = await h.graphql<{
      customerAuditChainStatus: { ok: boolean; checkpoint: { ok: boolean; seq: number } };
    }>(`{ customerAuditChainStatus { ok checkpoint { ok seq } } }`, {}, 'auditor1');
    expect(status.data?.customerAuditChainStatus).toMatchObject({ ok: true, checkpoint: { ok: true, seq: 1 } });
  });

  it('purges the recycle bin past its retention through the recycle-bin-purge job', async () => {
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`,
      { i: { account: { name: 'Long Deleted Ltd' } } },
    );
    const id = created.data!.createAccount.account.id;
    await h.app.dataSource.query(`UPDATE accounts SET deleted_at = now() - interval '40 days' WHERE id = $1`, [id]);

    expect(await h.app.jobs.tick('recycle-bin-purge')).toBe(true);
    const left: unknown[] = await h.app.dataSource.query('SELECT 1 FROM accounts WHERE id = $1', [id]);
    expect(left).toHaveLength(0);
  });

  it('runs the pool return and outbox and audit pruning as declared jobs', async () => {
    for (const job of ['pool-return', 'outbox-prune', 'audit-retention']) expect(await h.app.jobs.tick(job)).toBe(true);
    expect(() => h.app.jobs.tick('offboarding')).toThrow('no job named "offboarding"');
  });

  it('prunes idempotency keys past their retention and keeps younger ones', async () => {
    await h.app.dataSource.query(
      `INSERT INTO creation_keys (caller, key, kind, fingerprint, created_at)
       VALUES ('someone', 'old-key', 'account', 'f', now() - interval '31 days'),
              ('someone', 'young-key', 'account', 'f', now() - interval '29 days')`,
    );
    expect(await h.app.jobs.tick('creation-key-prune')).toBe(true);
    const left: { key: string }[] = await h.app.dataSource.query(`SELECT key FROM creation_keys ORDER BY key`);
    expect(left.map((r) => r.key)).toEqual(['young-key']);
    expect(await h.app.jobs.tick('grant-expiry')).toBe(true);
  });
});
