import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, MAX_BYTES_RULE, NotFoundError } from '@crm/platform/errors';
import { requireUuid } from '@crm/platform/ids';
import {
  attachmentsOfTickets,
  insertAttachment,
  liveAttachment,
  markAttachmentDeleted,
  type AttachmentRow,
} from '../db/attachment-rows';
import { attachmentFileName } from '../domain/attachment-file-name';
import { checkAttachmentType, SNIFF_BYTES } from '../domain/attachment-types';
import type { AttachmentStorage } from './attachment-storage';
import type { TicketService } from './ticket-service';

export interface AttachmentUpload {
  fileName: string | undefined;
  /** The declared Content-Type; the bytes must agree with it (or it is absent / application/octet-stream). */
  contentType: string;
  /** The declared length, when the client sent one: a larger one is refused before a byte is read. */
  contentLength: number | null;
  content: Readable;
}

export interface AttachmentDownload {
  attachment: AttachmentRow;
  content: Readable;
}

/**
 * Stops the upload with the media_type rule (HTTP 415) unless its first bytes are an allowed type matching the declared
 * one; passes the bytes on unchanged. The source is never destroyed here, so the client still reads the answer.
 */
async function* typeChecked(
  source: Readable,
  declared: string,
  onType: (type: string) => void,
): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let checked = false;
  for await (const chunk of source.iterator({ destroyOnReturn: false })) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (checked) {
      yield bytes;
      continue;
    }
    head.push(bytes);
    headBytes += bytes.length;
    if (headBytes >= SNIFF_BYTES) {
      const buffered = Buffer.concat(head);
      onType(checkAttachmentType(buffered.subarray(0, SNIFF_BYTES), false, declared));
      checked = true;
      yield buffered;
    }
  }
  if (!checked) {
    const whole = Buffer.concat(head);
    onType(checkAttachmentType(whole, true, declared));
    yield whole;
  }
}

/**
 * Files attached to tickets: the ticket's row rules decide (edit to upload or delete, read to list and download); the
 * bytes go to the AttachmentStorage before any transaction opens, the metadata row and its audit entry after.
 */
export class AttachmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly storage: AttachmentStorage,
    private readonly maxBytes: number,
  ) {}

  async upload(ticketId: string, upload: AttachmentUpload, actor: Actor): Promise<AttachmentRow> {
    requireUuid(ticketId, ['ticketId']);
    const fileName = attachmentFileName(upload.fileName);
    if (upload.contentLength !== null && upload.contentLength > this.maxBytes)
      throw InputError.single(['body'], MAX_BYTES_RULE, `must be at most ${this.maxBytes} bytes`);
    // Refused callers are turned away before a byte of theirs is stored.
    await this.dataSource.transaction((tx) => this.tickets.lockForEdit(tx, ticketId, actor));
    const storageKey = randomUUID();
    let contentType = '';
    const checked = Readable.from(typeChecked(upload.content, upload.contentType, (type) => (contentType = type)));
    const stored = await this.storage.put(storageKey, checked, { maxBytes: this.maxBytes }).catch((error: unknown) => {
      upload.content.resume();
      throw error;
    });
    const row: AttachmentRow = {
      id: randomUUID(),
      ticketId,
      fileName,
      contentType,
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey,
      uploadedBy: actor.id,
      uploadedAt: new Date(),
      deletedAt: null,
    };
    try {
      await this.dataSource.transaction(async (tx) => {
        await this.tickets.lockForEdit(tx, ticketId, actor);
        await insertAttachment(tx, row);
        await audit(tx, actor, 'ticket.attachment.added', { type: 'ticket', id: ticketId }, [], {
          attachmentId: row.id,
          fileName,
          contentType,
          sizeBytes: row.sizeBytes,
          sha256: row.sha256,
        });
      });
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
    return row;
  }

  /** The file and its bytes; a sensitive read, audited before a byte is sent. */
  async download(ticketId: string, attachmentId: string, actor: Actor): Promise<AttachmentDownload> {
    requireUuid(attachmentId, ['attachmentId']);
    await this.tickets.get(ticketId, actor);
    const attachment = await this.dataSource.transaction(async (tx) => {
      const found = await liveAttachment(tx, attachmentId, { ticketId });
      if (!found) throw new NotFoundError('attachment', attachmentId);
      await audit(tx, actor, 'ticket.attachment.downloaded', { type: 'ticket', id: ticketId }, [], {
        attachmentId,
        fileName: found.fileName,
      });
      return found;
    });
    return { attachment, content: await this.storage.get(attachment.storageKey) };
  }

  /** Marks the attachment deleted (the row stays for the audit trail) and removes its bytes after the commit. */
  async delete(attachmentId: string, actor: Actor): Promise<AttachmentRow> {
    requireUuid(attachmentId, ['id']);
    const deleted = await this.dataSource.transaction(async (tx) => {
      const found = await liveAttachment(tx, attachmentId);
      if (!found) throw new NotFoundError('attachment', attachmentId);
      await this.tickets.lockForEdit(tx, found.ticketId, actor);
      const locked = await liveAttachment(tx, attachmentId, { lock: true });
      if (!locked) throw new NotFoundError('attachment', attachmentId);
      const at = new Date();
      await markAttachmentDeleted(tx, attachmentId, at);
      await audit(tx, actor, 'ticket.attachment.deleted', { type: 'ticket', id: locked.ticketId }, [], {
        attachmentId,
        fileName: locked.fileName,
        sha256: locked.sha256,
      });
      return { ...locked, deletedAt: at };
    });
    await this.storage.delete(deleted.storageKey);
    return deleted;
  }

  /** The live attachments of tickets the caller already may read (the Ticket.attachments field, batched). */
  listOf(ticketIds: readonly string[]): Promise<Map<string, AttachmentRow[]>> {
    return attachmentsOfTickets(this.dataSource.manager, ticketIds);
  }
}
