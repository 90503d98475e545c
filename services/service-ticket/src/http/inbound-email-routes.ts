import { Router } from 'express';
import type { RouteTools } from '@crm/platform/host';
import { authenticatedRoute, readJsonBody } from '@crm/platform/http';
import type { InboundEmailService } from '../application/inbound-email-service';

/** A parsed message with a text body of 20,000 characters and its headers fits well within this. */
const maxBodyBytes = 512 * 1024;

/**
 * `POST /inbound/email`, called by the mail gateway (crm-services) or crm-admin with the parsed message as JSON:
 * `{ from, to, subject, text, messageId, inReplyTo?, references?, receivedAt? }`. 201 with the new ticket; 200 when
 * the message joined a thread or its message id was seen before (the same ticket, nothing changed). Nothing of the
 * message (addresses, subject, text) is logged.
 */
export function inboundEmailRoutes(inbound: InboundEmailService, tools: RouteTools): Router {
  const router = Router();
  router.post(
    '/inbound/email',
    authenticatedRoute({ ...tools, name: 'inbound email' }, async (req, res, { actor }) => {
      const result = await inbound.receive(await readJsonBody(req, maxBodyBytes), actor);
      tools.logger.info({ outcome: result.outcome, ticketId: result.ticketId }, 'inbound email received');
      res.status(result.outcome === 'created' ? 201 : 200).json(result);
    }),
  );
  return router;
}
