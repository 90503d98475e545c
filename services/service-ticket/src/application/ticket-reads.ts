import type { DataSource } from 'typeorm';
import { pagesPerParent, type Page } from '@crm/platform/pagination';
import type { StatusHistoryRow } from '../db/ticket-rows';

export interface TicketMessageRow {
  id: string;
  ticketId: string;
  kind: 'customer' | 'reply' | 'note';
  author: string;
  body: string;
  createdAt: Date;
}

/**
 * A ticket's status history (TicketEvent) and messages, one page per ticket for a whole page of tickets in one
 * statement. The tickets were already read through the row rules: these are only asked for visible ones.
 */
export class TicketReads {
  constructor(
    private readonly dataSource: DataSource,
    readonly exactCountUpTo: number,
  ) {}

  historyPages(
    ticketIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Map<string, Page<StatusHistoryRow>>> {
    return pagesPerParent<StatusHistoryRow>(this.dataSource, {
      childSql: `SELECT h.id::text, h.ticket_id AS "ticketId", h.from_status AS "fromStatus", h.to_status AS "toStatus",
          h.at, h.by_user AS "byUser", h.reason FROM ticket_status_history h WHERE h.ticket_id = parent.id`,
      parameters: [],
      parentIds: ticketIds,
      order: [
        { column: 'h.at', type: 'timestamptz' },
        { column: 'h.id', type: 'bigint' },
      ],
      first,
      after,
      parentOf: (r) => r.ticketId,
      cursorOf: (r) => [r.at.toISOString(), r.id],
    });
  }

  messagePages(
    ticketIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Map<string, Page<TicketMessageRow>>> {
    return pagesPerParent<TicketMessageRow>(this.dataSource, {
      childSql: `SELECT m.id, m.ticket_id AS "ticketId", m.kind, m.author, m.body, m.created_at AS "createdAt"
          FROM ticket_messages m WHERE m.ticket_id = parent.id`,
      parameters: [],
      parentIds: ticketIds,
      order: [
        { column: 'm.created_at', type: 'timestamptz' },
        { column: 'm.id', type: 'uuid' },
      ],
      first,
      after,
      parentOf: (r) => r.ticketId,
      cursorOf: (r) => [r.createdAt.toISOString(), r.id],
    });
  }
}
