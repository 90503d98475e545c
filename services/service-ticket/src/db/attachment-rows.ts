import type { EntityManager } from 'typeorm';

/** One row of `ticket_attachments`: what a ticket shows of a file; the bytes are in the attachment storage. */
export interface AttachmentRow {
  id: string;
  ticketId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
  deletedAt: Date | null;
}

const columns = `id, ticket_id AS "ticketId", file_name AS "fileName", content_type AS "contentType",
  size_bytes::float8 AS "sizeBytes", sha256, storage_key AS "storageKey", uploaded_by AS "uploadedBy",
  uploaded_at AS "uploadedAt", deleted_at AS "deletedAt"`;

export async function insertAttachment(manager: EntityManager, row: AttachmentRow): Promise<void> {
  await manager.query(
    `INSERT INTO ticket_attachments
       (id, ticket_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.id,
      row.ticketId,
      row.fileName,
      row.contentType,
      row.sizeBytes,
      row.sha256,
      row.storageKey,
      row.uploadedBy,
      row.uploadedAt,
    ],
  );
}

/** A live attachment, or null; with `ticketId`, only when it belongs to that ticket. */
export async function liveAttachment(
  manager: EntityManager,
  attachmentId: string,
  options: { ticketId?: string; lock?: boolean } = {},
): Promise<AttachmentRow | null> {
  const rows: AttachmentRow[] = await manager.query(
    `SELECT ${columns} FROM ticket_attachments
      WHERE id = $1 AND ($2::uuid IS NULL OR ticket_id = $2) AND deleted_at IS NULL ${options.lock ? 'FOR UPDATE' : ''}`,
    [attachmentId, options.ticketId ?? null],
  );
  return rows[0] ?? null;
}

/** The live attachments of each ticket, oldest first (one statement for a whole page of tickets). */
export async function attachmentsOfTickets(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, AttachmentRow[]>> {
  const byTicket = new Map<string, AttachmentRow[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return byTicket;
  const rows: AttachmentRow[] = await manager.query(
    `SELECT ${columns} FROM ticket_attachments
      WHERE ticket_id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY uploaded_at, id`,
    [ticketIds],
  );
  for (const row of rows) byTicket.get(row.ticketId)?.push(row);
  return byTicket;
}

export async function markAttachmentDeleted(manager: EntityManager, id: string, at: Date): Promise<void> {
  await manager.query(`UPDATE ticket_attachments SET deleted_at = $2 WHERE id = $1`, [id, at]);
}
