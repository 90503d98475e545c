import type { EntityManager } from 'typeorm';

/** The ticket a recorded email message belongs to (any kind of message), or null. */
export async function ticketOfEmailMessage(manager: EntityManager, messageId: string): Promise<string | null> {
  const rows: { ticket_id: string }[] = await manager.query(
    `SELECT ticket_id FROM ticket_messages WHERE email_message_id = $1`,
    [messageId],
  );
  return rows[0]?.ticket_id ?? null;
}

/** The live ticket of the first of these message ids (in the order given) that a ticket recorded, or null. */
export async function ticketAnsweredBy(manager: EntityManager, messageIds: readonly string[]): Promise<string | null> {
  if (!messageIds.length) return null;
  const rows: { ticket_id: string }[] = await manager.query(
    `SELECT m.ticket_id FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id AND t.deleted_at IS NULL
      WHERE m.email_message_id = ANY($1::text[])
      ORDER BY array_position($1::text[], m.email_message_id) LIMIT 1`,
    [messageIds],
  );
  return rows[0]?.ticket_id ?? null;
}

/** The live ticket with this number whose requester is this address (a number alone is guessable), or null. */
export async function requesterTicketByNumber(
  manager: EntityManager,
  number: string,
  requesterEmail: string,
): Promise<string | null> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM tickets WHERE number = $1 AND requester_email = $2 AND deleted_at IS NULL`,
    [number, requesterEmail],
  );
  return rows[0]?.id ?? null;
}
