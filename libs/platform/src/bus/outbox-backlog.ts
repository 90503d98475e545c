import { metrics } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from '../health';

export interface OutboxBacklog {
  /** Rows still to publish (not parked), counted up to PENDING_COUNT_CAP. */
  pending: number;
  /** Rows parked as unpublishable (see OutboxRelay). */
  parked: number;
  /** Age of the oldest row still to publish; 0 when none waits. */
  oldestPendingAgeMs: number;
}

const meter = metrics.getMeter('@crm/platform/bus');
// Counting stops here: past it the exact backlog does not matter, and the count stays an index-only scan.
const PENDING_COUNT_CAP = 100_000;
const pendingGauge = meter.createGauge('crm.outbox.pending', {
  description: 'Outbox events waiting to be published (capped at 100000)',
  unit: '{event}',
});
const parkedGauge = meter.createGauge('crm.outbox.parked', { description: 'Outbox events parked as unpublishable' });
const oldestGauge = meter.createGauge('crm.outbox.oldest_pending_age', {
  description: 'Age of the oldest outbox event not yet published',
  unit: 's',
});

/** Reads the backlog (two index-only lookups) and records it on the gauges. */
export async function readOutboxBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const rows: { pending: string; parked: string; oldest_age_ms: string | null }[] = await dataSource.query(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_events WHERE published_at IS NULL AND parked_at IS NULL
              LIMIT ${PENDING_COUNT_CAP}) AS waiting) AS pending,
            (SELECT count(*) FROM outbox_events WHERE parked_at IS NOT NULL) AS parked,
            (SELECT extract(epoch FROM now() - occurred_at) * 1000 FROM outbox_events
              WHERE published_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT 1) AS oldest_age_ms`,
  );
  const backlog = {
    pending: Number(rows[0].pending),
    parked: Number(rows[0].parked),
    oldestPendingAgeMs: Math.max(0, Number(rows[0].oldest_age_ms ?? 0)),
  };
  pendingGauge.record(backlog.pending);
  parkedGauge.record(backlog.parked);
  oldestGauge.record(backlog.oldestPendingAgeMs / 1000);
  return backlog;
}

/**
 * Degrades readiness (never fails it: writes go on) while events are parked or the oldest unpublished one is older
 * than `maxPendingAgeMs` (default 5 minutes); Readiness logs the warning `readiness degraded: ...` naming `outbox`.
 */
export function outboxBacklogCheck(
  dataSource: DataSource,
  maxPendingAgeMs = 5 * 60_000,
  name = 'outbox',
): ReadinessCheck {
  return {
    name,
    degradesOnly: true,
    async check() {
      const backlog = await readOutboxBacklog(dataSource);
      if (backlog.parked > 0) throw new Error(`${backlog.parked} outbox events are parked as unpublishable`);
      if (backlog.oldestPendingAgeMs > maxPendingAgeMs) {
        throw new Error(`the oldest unpublished event waits for ${Math.round(backlog.oldestPendingAgeMs / 1000)} s`);
      }
    },
  };
}
