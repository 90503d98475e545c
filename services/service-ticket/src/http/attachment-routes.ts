import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { RouteTools } from '@crm/platform/host';
import { authenticatedRoute } from '@crm/platform/http';
import { InputError } from '@crm/platform/errors';
import type { AttachmentService } from '../application/attachment-service';
import { attachmentDisposition } from '../domain/attachment-file-name';

/** `x-file-name` carries the name percent-encoded (UTF-8), since header values are Latin-1 on the wire. */
function fileNameHeader(raw: string | string[] | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw InputError.single(['fileName'], 'encoding', 'x-file-name must be percent-encoded UTF-8');
  }
}

function declaredLength(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

/**
 * `POST /tickets/:id/attachments`: the file is the raw request body (streamed, never buffered whole), named by the
 * `x-file-name` header, typed by Content-Type (checked against the bytes); 201 with the attachment's metadata, 413
 * over the size limit, 415 when the bytes are not an allowed type or not the declared one.
 * `GET /tickets/:id/attachments/:attachmentId`: the bytes, as a download that the browser never renders inline.
 * Multipart bodies are not parsed (no multipart parser is installed): a multipart Content-Type answers 415.
 */
export function attachmentRoutes(attachments: AttachmentService, tools: RouteTools): Router {
  const router = Router();
  router.post(
    '/tickets/:id/attachments',
    authenticatedRoute({ ...tools, name: 'attachment upload' }, async (req, res, { actor }) => {
      const row = await attachments.upload(
        String(req.params.id),
        {
          fileName: fileNameHeader(req.headers['x-file-name']),
          contentType: req.headers['content-type'] ?? '',
          contentLength: declaredLength(req.headers['content-length']),
          content: req,
        },
        actor,
      );
      res.status(201).json({
        id: row.id,
        ticketId: row.ticketId,
        fileName: row.fileName,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        uploadedBy: row.uploadedBy,
        uploadedAt: row.uploadedAt.toISOString(),
      });
    }),
  );
  router.get(
    '/tickets/:id/attachments/:attachmentId',
    authenticatedRoute({ ...tools, name: 'attachment download' }, async (req, res, { actor }) => {
      const { attachment, content } = await attachments.download(
        String(req.params.id),
        String(req.params.attachmentId),
        actor,
      );
      res.status(200);
      res.setHeader('Content-Type', attachment.contentType);
      res.setHeader('Content-Length', String(attachment.sizeBytes));
      res.setHeader('Content-Disposition', attachmentDisposition(attachment.fileName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, no-store');
      // RFC 9530: the client can check what it received against the hash taken at upload.
      res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`);
      await pipeline(content, res);
    }),
  );
  return router;
}
