import { randomUUID } from 'node:crypto';
import { startNats, type NatsServer } from '@crm/testing';
import {
  AUDIT_CHECKPOINT_STREAM,
  AUDIT_CHECKPOINT_SUBJECTS,
  AuditCheckpointRefused,
  auditCheckpointSubject,
  readAuditCheckpoints,
  rebaseAuditCheckpoints,
  ServiceAuditCheckpoints,
  recordAuditCheckpoint,
  verifyAuditCheckpoints,
  type AppendCheckpoint,
  type AuditCheckpointDecoder,
  type AuditCheckpointSource,
  type AuditEntry,
} from '../src/audit';
import {
  appendToOutbox,
  busMigrationSql,
  connectBus,
  ensureStream,
  OutboxRelay,
  outboxDeliverySql,
  type Bus,
} from '../src/bus';
import { testLogger } from './bus-test-harness';
import { operationsCommand, setEnvironment } from './operations-command-runner';
import {
  appendMany,
  auditEntry,
  createAuditTestDatabase,
  tamper,
  type AuditTestDatabase,
} from './fixtures/audit-test-database';

const decode: AuditCheckpointDecoder = (data, storedAt) => {
  const { seq, hash } = JSON.parse(new TextDecoder().decode(data)) as { seq: number; hash: string };
  return { seq, hash, at: storedAt };
};

describe('Audit checkpoints', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: AuditTestDatabase;
  let bus: Bus;
  let relay: OutboxRelay;
  let services = 0;

  /** Each test anchors its own service's chain (its own subject on the shared stream), on an empty log. */
  async function freshService(intervalMs = 60 * 60_000): Promise<AuditCheckpointSource> {
    services += 1;
    await db.reset();
    return { service: `svc${services}`, dataSource: db.dataSource, bus, decode, intervalMs, logger };
  }

  const appendFor =
    (source: AuditCheckpointSource): AppendCheckpoint =>
    (tx, head) =>
      appendToOutbox(tx, {
        id: randomUUID(),
        subject: auditCheckpointSubject(source.service),
        aggregateType: 'audit_log',
        aggregateId: source.service,
        eventType: 'crm.test.v1.AuditCheckpoint',
        payload: new TextEncoder().encode(JSON.stringify(head)),
      });

  async function record(source: AuditCheckpointSource, options: { baseline?: AuditEntry } = {}) {
    const recorded = await recordAuditCheckpoint(source, appendFor(source), options);
    expect(await relay.flush(10_000)).toBe(true);
    return recorded;
  }

  /** What someone with NATS publish rights could add to the stream, bypassing the service. */
  async function publishForgedCheckpoint(source: AuditCheckpointSource): Promise<void> {
    const [head]: { seq: string; hash: string }[] = await db.dataSource.query(
      `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    const payload = new TextEncoder().encode(JSON.stringify({ seq: Number(head.seq), hash: head.hash }));
    await bus.js.publish(auditCheckpointSubject(source.service), payload);
  }

  async function anchoredSeqs(source: AuditCheckpointSource): Promise<number[]> {
    return (await readAuditCheckpoints(bus, source.service, decode)).map((c) => c.seq);
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createAuditTestDatabase('audit_checkpoints')]);
    await db.dataSource.transaction(async (manager) => {
      for (const sql of [...busMigrationSql.up, ...outboxDeliverySql.up]) await manager.query(sql);
    });
    bus = await connectBus({ servers: nats.url, name: 'audit-checkpoints-test', logger });
    await ensureStream(bus, { name: AUDIT_CHECKPOINT_STREAM, subjects: AUDIT_CHECKPOINT_SUBJECTS, appendOnly: true });
    relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  it('anchors each new head after verifying the chain since the previous checkpoint, and every checkpoint matches', async () => {
    const source = await freshService();
    expect(await record(source)).toBeNull();
    await appendMany(db.dataSource, 3);
    expect(await record(source)).toMatchObject({ seq: 3 });
    await appendMany(db.dataSource, 2);
    expect(await record(source)).toMatchObject({ seq: 5 });
    expect(await record(source)).toMatchObject({ seq: 5 });

    expect(await anchoredSeqs(source)).toEqual([3, 5]);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({ ok: true, checked: 2, checkpoint: { seq: 5 } });
  });

  it('refuses to anchor a log whose tail was cut, so the forged head is never checkpointed', async () => {
    const source = await freshService();
    await appendMany(db.dataSource, 4);
    await record(source);
    await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq >= 3`);

    await expect(record(source)).rejects.toThrow(/refused: the log ends at seq 2 but seq 4 was checkpointed/);
    // The forger then writes a new tail with fresh hashes: still refused, the checkpointed row changed.
    await appendMany(db.dataSource, 3);
    await expect(record(source)).rejects.toBeInstanceOf(AuditCheckpointRefused);
    await expect(record(source)).rejects.toThrow(/seq 4 no longer has the checkpointed hash/);

    expect(await anchoredSeqs(source)).toEqual([4]);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({ ok: false, checkpoint: { seq: 4 } });
  });

  it('finds a row rewritten between two checkpoints, even when a forged newest checkpoint matches the head', async () => {
    const source = await freshService();
    await appendMany(db.dataSource, 2);
    await record(source);
    await appendMany(db.dataSource, 2);
    await record(source);
    await appendMany(db.dataSource, 1);
    // Rows 3 to 5 rewritten with a valid chain of fresh hashes, and a checkpoint of the forged head added.
    await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq >= 3`);
    await appendMany(db.dataSource, 3);
    await publishForgedCheckpoint(source);

    expect(await anchoredSeqs(source)).toEqual([2, 4, 5]);
    const verification = await verifyAuditCheckpoints(source);
    expect(verification).toMatchObject({ ok: false, checkpoint: { seq: 4 } });
    expect(verification.message).toMatch(/seq 4 no longer has the checkpointed hash: the chain was rewritten/);
  });

  it('refuses a first checkpoint when the log already has rows older than one interval', async () => {
    const source = await freshService(1);
    await appendMany(db.dataSource, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));

    await expect(record(source)).rejects.toThrow(/no checkpoint on the stream, but the log has rows since/);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({ ok: false, checked: 0 });
    expect(await anchoredSeqs(source)).toEqual([]);
  });

  const baselineEntry = (reason: string): AuditEntry =>
    auditEntry({
      action: 'audit.baseline',
      entityType: 'audit_log',
      entityId: 'svc',
      changes: [],
      details: { reason },
    });

  it('lets a log without any checkpoint be anchored anew as an audited baseline, after the whole chain is checked', async () => {
    const source = await freshService(1);
    await appendMany(db.dataSource, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(record(source)).rejects.toThrow(/crm-admin may anchor it anew as a baseline/);

    const anchored = await record(source, { baseline: baselineEntry('stream lost in the NATS migration of 30 Nov') });
    expect(anchored).toMatchObject({ seq: 4 });
    const [row]: { action: string; details: { reason: string } }[] = await db.dataSource.query(
      `SELECT action, details FROM audit_log WHERE seq = 4`,
    );
    expect(row).toEqual({
      action: 'audit.baseline',
      details: { reason: 'stream lost in the NATS migration of 30 Nov' },
    });
    expect(await anchoredSeqs(source)).toEqual([4]);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({ ok: true, checked: 1 });
  });

  it('refuses a baseline over a broken chain, or on a stream that already holds checkpoints', async () => {
    const broken = await freshService(1);
    await appendMany(db.dataSource, 3);
    await tamper(db.dataSource, `UPDATE audit_log SET entity_id = 'forged' WHERE seq = 2`);
    await expect(record(broken, { baseline: baselineEntry('hide it') })).rejects.toBeInstanceOf(AuditCheckpointRefused);
    expect(await anchoredSeqs(broken)).toEqual([]);

    const anchored = await freshService();
    await appendMany(db.dataSource, 2);
    await record(anchored);
    await expect(record(anchored, { baseline: baselineEntry('start over') })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: { rule: 'baseline_on_empty_stream' },
    });
    expect(await anchoredSeqs(anchored)).toEqual([2]);
  });

  /** A service whose log was checkpointed after each batch, then restored from a backup that kept rows up to `kept`. */
  async function restoredService(batches: number[], kept: number): Promise<AuditCheckpointSource> {
    const source = await freshService();
    for (const rows of batches) {
      await appendMany(db.dataSource, rows);
      await record(source);
    }
    await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq > $1`, [kept]);
    return source;
  }

  it('re-anchors a restored log with an audited restore marker, after which routine checkpoints continue and verification shows the gap', async () => {
    // The backup predates rows 5 and 6.
    const source = await restoredService([3, 3], 4);
    await appendMany(db.dataSource, 1);
    await expect(record(source)).rejects.toThrow(/refused: the log ends at seq 5 but seq 6 was checkpointed/);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({ ok: false });

    const sre = { actor: { id: 'sre-ana', roles: ['crm-admin'] }, reason: 'restored from the 02:00 backup (INC-42)' };
    await expect(rebaseAuditCheckpoints(source, appendFor(source), { ...sre, reason: ' ' })).rejects.toThrow(/reason/);
    const marker = await rebaseAuditCheckpoints(source, appendFor(source), sre);
    expect(await relay.flush(10_000)).toBe(true);
    expect(marker).toMatchObject({ seq: 6 });
    await expect(rebaseAuditCheckpoints(source, appendFor(source), sre)).rejects.toThrow(/nothing to rebase/);

    await appendMany(db.dataSource, 2);
    expect(await record(source)).toMatchObject({ seq: 8 });
    expect(await anchoredSeqs(source)).toEqual([3, 6, 6, 8]);
    const verified = await verifyAuditCheckpoints(source);
    expect(verified).toMatchObject({
      ok: true,
      checkpoint: { seq: 8 },
      restores: [
        {
          lostCheckpoints: 1,
          marker: { seq: 6, actorId: 'sre-ana', previousCheckpoint: { seq: 6 }, restoredHead: { seq: 5 } },
        },
      ],
    });
    expect(verified.message).toMatch(/restored at seq 6 .* by sre-ana \("restored from the 02:00 backup \(INC-42\)"\)/);
  });

  it('still fails verification when a row the restore kept no longer matches its checkpoint', async () => {
    const source = await restoredService([2, 2], 3);
    await rebaseAuditCheckpoints(source, appendFor(source), { actor: { id: 'sre-ana' }, reason: 'restore' });
    expect(await relay.flush(10_000)).toBe(true);
    // The marker waives only the checkpoints past the restored head: a kept row rewritten later is still caught.
    await tamper(db.dataSource, `UPDATE audit_log SET hash = 'x' || hash WHERE seq = 2`);
    expect(await verifyAuditCheckpoints(source)).toMatchObject({
      ok: false,
      message: 'seq 2 no longer has the checkpointed hash: the chain was rewritten',
    });
  });

  it('gives the SRE an ops command: verify reports the mismatch, rebase needs who, why and the service confirmed', async () => {
    const source = await restoredService([3], 2);
    const ops = operationsCommand({
      service: source.service,
      databaseUrlVariable: 'AUDIT_TEST_DATABASE_URL',
      projections: {},
      auditCheckpoints: (dataSource, opsBus, { intervalMinutes }) =>
        new ServiceAuditCheckpoints({
          service: source.service,
          dataSource,
          bus: opsBus,
          intervalMinutes,
          decode: (data) => {
            const head = decode(data, new Date());
            return { lastSeq: head.seq, lastHash: head.hash };
          },
          append: (tx, _actor, head) => appendFor(source)(tx, head),
        }),
    });
    const environment = setEnvironment({ NATS_URL: nats.url, AUDIT_TEST_DATABASE_URL: db.url });
    try {
      expect(await ops('audit', 'checkpoints', 'verify')).toMatchObject({
        code: 1,
        out: expect.stringMatching(/MISMATCH: the log ends at seq 2 but seq 3 was checkpointed/),
      });
      const refused = await ops('audit', 'checkpoints', 'rebase', '--by', 'ana', '--reason', 'INC-7 restore');
      expect(refused).toMatchObject({ code: 2, err: expect.stringMatching(/--confirm svc\d+ is required/) });
      const done = await ops(
        'audit',
        'checkpoints',
        'rebase',
        '--by',
        'ana',
        '--reason',
        'INC-7 restore',
        '--confirm',
        source.service,
      );
      expect(done).toMatchObject({ code: 0, out: expect.stringMatching(/restore marker seq 3 written/) });
      expect(await relay.flush(10_000)).toBe(true);
      expect(await ops('audit', 'checkpoints', 'verify')).toMatchObject({
        code: 0,
        out: expect.stringMatching(/OK: .*restored at seq 3 .* by ops:ana \("INC-7 restore"\)/),
      });
    } finally {
      environment.restore();
    }
  });

  // Last: it deletes the shared stream.
  it('treats a deleted AUDIT stream as a failure, and anchors nothing until it is back', async () => {
    const source = await freshService();
    await appendMany(db.dataSource, 2);
    await record(source);
    await bus.jsm.streams.delete(AUDIT_CHECKPOINT_STREAM);

    const verification = await verifyAuditCheckpoints(source);
    expect(verification).toMatchObject({ ok: false, checkpoint: null });
    expect(verification.message).toMatch(/the AUDIT stream is missing/);
    await expect(record(source)).rejects.toThrow(/refused: the AUDIT stream is missing/);
  });
});
