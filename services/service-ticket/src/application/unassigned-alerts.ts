import type { DataSource } from 'typeorm';
import { systemActor, type Actor } from '@crm/platform/auth';
import type { ScheduledJob } from '@crm/platform/jobs';
import { recordEvent } from '../events/ticket-events';

interface WaitingTicket {
  id: string;
  teamId: string;
  createdAt: Date;
  version: number;
  queueEntryId: string;
}

const batchSize = 200;

/**
 * Raises `crm.ticket.ticket.unassigned_alert` once per queue wait of a ticket unassigned for longer than the threshold.
 * A wait is the status history row that put the ticket in the queue (creation, a return to the queue, a reopening
 * without agent), so a ticket that is assigned and comes back is announced again. The tickets are claimed with
 * SKIP LOCKED and the wait's row in `ticket_unassigned_alerts` is written with the outbox row: two replicas running
 * the job at once never announce a wait twice. Returns how many alerts were raised.
 */
export async function raiseUnassignedAlerts(
  dataSource: DataSource,
  actor: Actor,
  now: Date,
  thresholdMinutes: number,
): Promise<number> {
  const queuedBefore = new Date(now.getTime() - thresholdMinutes * 60_000);
  let raised = 0;
  for (;;) {
    const claimed = await dataSource.transaction(async (tx) => {
      const waiting: WaitingTicket[] = await tx.query(
        `SELECT t.id, t.team_id AS "teamId", t.created_at AS "createdAt", t.version, h.id AS "queueEntryId"
           FROM tickets t
           CROSS JOIN LATERAL (SELECT id, at FROM ticket_status_history
                                WHERE ticket_id = t.id AND to_status = 'new' ORDER BY id DESC LIMIT 1) h
          WHERE t.status = 'new' AND t.agent_id IS NULL AND t.deleted_at IS NULL AND t.created_at <= $1
            AND h.at <= $1
            AND NOT EXISTS (SELECT 1 FROM ticket_unassigned_alerts a
                             WHERE a.ticket_id = t.id AND a.queue_entry_id = h.id)
          ORDER BY t.created_at, t.id
          LIMIT ${batchSize}
          FOR UPDATE OF t SKIP LOCKED`,
        [queuedBefore],
      );
      for (const ticket of waiting) {
        const inserted: unknown[] = await tx.query(
          `INSERT INTO ticket_unassigned_alerts (ticket_id, queue_entry_id, team_id, alerted_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
          [ticket.id, ticket.queueEntryId, ticket.teamId, now],
        );
        if (inserted.length === 0) continue;
        await recordEvent(
          tx,
          'ticketUnassignedAlert',
          actor,
          { type: 'ticket', id: ticket.id, version: ticket.version },
          { ticketId: ticket.id, teamId: ticket.teamId, createdAt: ticket.createdAt },
        );
        raised += 1;
      }
      return waiting.length;
    });
    if (claimed < batchSize) return raised;
  }
}

/** The job raising the alerts every minute, on one replica per tick (the rows above keep it once per wait regardless). */
export function unassignedAlertJob(dataSource: DataSource, thresholdMinutes: number): ScheduledJob {
  return {
    name: 'unassigned-alerts',
    intervalMs: 60_000,
    run: async ({ runId }) => ({
      raised: await raiseUnassignedAlerts(dataSource, systemActor(runId), new Date(), thresholdMinutes),
    }),
  };
}
