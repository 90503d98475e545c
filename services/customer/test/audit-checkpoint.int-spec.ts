import { Client } from 'pg';
import { customerEventsV1 } from '@crm/contracts';
import { ensureStream } from '@crm/platform/bus';
import { customerAuditCheckpoints } from '../src/application/audit-checkpoints';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const STATUS = `{ customerAuditChainStatus { ok reason firstBrokenSeq lastSeq checkpoint { ok seq hash message } } }`;

interface Status {
  customerAuditChainStatus: {
    ok: boolean;
    reason: string | null;
    firstBrokenSeq: number | null;
    lastSeq: number | null;
    checkpoint: { ok: boolean; seq: number | null; hash: string | null; message: string };
  };
}

describe('the audit chain anchored outside the database', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_audit_checkpoint');
    for (const name of ['Anchor One Ltd', 'Anchor Two Ltd', 'Anchor Three Ltd']) {
      const res = await h.graphql(`mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`, {
        i: { account: { name } },
      });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function status(): Promise<Status['customerAuditChainStatus']> {
    const res = await h.graphql<Status>(STATUS, {}, 'auditor1');
    expect(res.errors).toBeUndefined();
    return res.data!.customerAuditChainStatus;
  }

  it('an auditor anchors the head on JetStream, and the intact chain matches it', async () => {
    const recorded = await h.graphql<{ recordCustomerAuditCheckpoint: { seq: number; hash: string } }>(
      `mutation { recordCustomerAuditCheckpoint { seq hash } }`,
      {},
      'auditor1',
    );
    expect(recorded.errors).toBeUndefined();
    await h.app.flushOutbox(10_000);
    const s = await status();
    expect(s).toMatchObject({
      ok: true,
      lastSeq: 3,
      checkpoint: { ok: true, seq: 3, hash: recorded.data!.recordCustomerAuditCheckpoint.hash },
    });
    const anchored = await h.app.bus.jsm.streams.getMessage('AUDIT', { last_by_subj: 'crm.audit.customer.checkpoint' });
    expect(customerEventsV1.AuditCheckpoint.decode(anchored!.data).lastHash).toBe(
      recorded.data!.recordCustomerAuditCheckpoint.hash,
    );
  });

  it('keeps the checkpoints on a stream that refuses to delete or purge them', async () => {
    const info = await h.app.bus.jsm.streams.info('AUDIT');
    expect(info.config).toMatchObject({ deny_delete: true, deny_purge: true });
    expect(info.state.messages).toBeGreaterThan(0);
    await expect(h.app.bus.jsm.streams.deleteMessage('AUDIT', info.state.last_seq)).rejects.toThrow();
    await expect(h.app.bus.jsm.streams.purge('AUDIT')).rejects.toThrow();
    expect((await h.app.bus.jsm.streams.info('AUDIT')).state.messages).toBe(info.state.messages);
    // Another replica (or another service) declaring it again at its start is fine.
    await expect(
      ensureStream(h.app.bus, { name: 'AUDIT', subjects: ['crm.audit.>'], appendOnly: true }),
    ).resolves.toMatchObject({ config: { deny_delete: true, deny_purge: true } });
  });

  it('a rep may not anchor or read the chain', async () => {
    const res = await h.graphql(`mutation { recordCustomerAuditCheckpoint { seq } }`, {}, 'rep.east1');
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lays a new baseline only for crm-admin, with a reason, and only on a stream without checkpoints', async () => {
    const baseline = `mutation($r: String) { recordCustomerAuditCheckpoint(baselineReason: $r) { seq } }`;
    const byAuditor = await h.graphql(baseline, { r: 'start over' }, 'auditor1');
    expect(byAuditor.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const blank = await h.graphql(baseline, { r: '  ' }, 'admin1');
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'baselineReason' });
    // This stream already holds the checkpoint of the first test: a baseline would hide what it anchors.
    const overCheckpoints = await h.graphql(baseline, { r: 'start over' }, 'admin1');
    expect(overCheckpoints.errors?.[0].extensions).toMatchObject({
      code: 'FAILED_PRECONDITION',
      rule: 'baseline_on_empty_stream',
    });
    expect(await status()).toMatchObject({ ok: true, checkpoint: { ok: true, seq: 3 } });
  });

  it('rows cut off the end of the log verify as a chain, but no longer match the checkpoint', async () => {
    // What an intruder with the database owner's rights could do: drop the newest row, which the chain alone hides.
    const pg = new Client({ connectionString: h.db.url });
    await pg.connect();
    try {
      await pg.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await pg.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
      await pg.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    } finally {
      await pg.end();
    }
    const s = await status();
    expect(s.ok).toBe(false);
    expect(s.reason).toBe('CHECKPOINT_MISMATCH');
    expect(s.firstBrokenSeq).toBe(3);
    expect(s.checkpoint.ok).toBe(false);
    expect(s.checkpoint.message).toMatch(/cut off the end/);
  });

  it('refuses to anchor the cut log, so the next checkpoint cannot launder it', async () => {
    const recorded = await h.graphql(`mutation { recordCustomerAuditCheckpoint { seq } }`, {}, 'auditor1');
    expect(recorded.errors?.[0].extensions?.code).toBe('FAILED_PRECONDITION');
    expect(recorded.errors?.[0].message).toMatch(/audit checkpoint refused: .*cut off the end/);
    await h.app.flushOutbox(10_000);

    const anchored = await h.app.bus.jsm.streams.getMessage('AUDIT', { last_by_subj: 'crm.audit.customer.checkpoint' });
    expect(customerEventsV1.AuditCheckpoint.decode(anchored!.data).lastSeq).toBe('3');
    expect(await status()).toMatchObject({ ok: false, reason: 'CHECKPOINT_MISMATCH' });
  });

  it('shows the auditor each restore the SRE re-anchored, with who, when, why and the checkpoint it superseded', async () => {
    const RESTORES = `{ customerAuditChainStatus { ok restores { seq at by reason fromCheckpoint restoredHeadSeq } } }`;
    const before = await h.graphql<{ customerAuditChainStatus: { restores: unknown[] } }>(RESTORES, {}, 'auditor1');
    expect(before.data?.customerAuditChainStatus.restores).toEqual([]);
    // What `ops.js audit checkpoints rebase --by sre-ana --reason ... --confirm customer` does on its own connections.
    const rebasedAt = Date.now();
    await customerAuditCheckpoints(h.app.dataSource, h.app.bus, { intervalMinutes: 10 }).rebase(
      { id: 'ops:sre-ana', requestId: 'restore-inc-42', roles: [], teams: [] },
      'restored from the 02:00 backup (INC-42)',
    );
    await h.app.flushOutbox(10_000);
    const after = await h.graphql<{
      customerAuditChainStatus: { ok: boolean; restores: { at: string; [field: string]: unknown }[] };
    }>(RESTORES, {}, 'auditor1');
    expect(after.errors).toBeUndefined();
    expect(after.data!.customerAuditChainStatus).toMatchObject({
      ok: true,
      restores: [
        {
          seq: 3,
          by: 'ops:sre-ana',
          reason: 'restored from the 02:00 backup (INC-42)',
          fromCheckpoint: 3,
          restoredHeadSeq: 2,
        },
      ],
    });
    expect(Date.parse(after.data!.customerAuditChainStatus.restores[0]!.at)).toBeGreaterThanOrEqual(rebasedAt - 1_000);
    const byRep = await h.graphql(RESTORES, {}, 'rep.east1');
    expect(byRep.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('reports a deleted AUDIT stream as a failure', async () => {
    await h.app.bus.jsm.streams.delete('AUDIT');
    const s = await status();
    expect(s.ok).toBe(false);
    expect(s.reason).toBe('CHECKPOINT_MISSING');
    expect(s.checkpoint).toMatchObject({ ok: false, seq: null });
    expect(s.checkpoint.message).toMatch(/the AUDIT stream is missing/);
  });
});
