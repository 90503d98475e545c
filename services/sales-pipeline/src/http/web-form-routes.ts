import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { RouteTools } from '@crm/platform/host';
import { toHttpError } from '@crm/platform/errors';
import type { SubmissionSpamReason, WebFormService } from '../application/web-form-service';

/** A form's fields are a few short texts: anything larger is not a person filling a form. */
const maxBodyBytes = '16kb';

const spamMessages: Record<SubmissionSpamReason, string> = {
  honeypot_filled: 'the hidden field was filled in, as only robots do',
  render_time_missing: 'the form did not say when it was shown (renderedAt)',
  render_signature_invalid: 'renderedAt and renderToken must be sent back as GET /web-forms/{key}/render gave them',
  render_time_in_future: 'the form says it was shown in the future',
  too_fast: 'the form was sent faster than a person can fill it in',
  form_expired: 'the form was shown too long ago: reload the page',
};

/**
 * `GET /web-forms/:key/render`: the render time and its signature for the page to send back (public, no data).
 * `POST /web-forms/:key/submissions`, the one unauthenticated write (publicAccess in the policy table): JSON or
 * form-urlencoded; 404 unknown or inactive form, 429 over the form's budget (Retry-After), 422 spam, 400 bad fields,
 * 201 with the lead id (200 with the same id when the client's submissionId was seen before).
 */
export function webFormRoutes(forms: WebFormService, tools: RouteTools): Router {
  const router = Router();
  router.get('/web-forms/:key/render', async (req: Request, res: Response) => {
    try {
      const rendered = await forms.render(String(req.params.key));
      if (!rendered) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no active web form has this key' } });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.json(rendered);
    } catch (error) {
      tools.logger.error({ err: error }, 'web-form render failed');
      res.status(500).json(toHttpError(error).body);
    }
  });
  router.post(
    '/web-forms/:key/submissions',
    express.json({ limit: maxBodyBytes }),
    express.urlencoded({ limit: maxBodyBytes, extended: false }),
    async (req: Request, res: Response) => {
      const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      try {
        const body: unknown = req.body;
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          res
            .status(400)
            .json({ error: { code: 'BAD_USER_INPUT', message: 'send the form as a JSON object or form-urlencoded' } });
          return;
        }
        const outcome = await forms.submit(String(req.params.key), body as Record<string, unknown>, requestId);
        switch (outcome.status) {
          case 'unknown_form':
            res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no active web form has this key' } });
            return;
          case 'rate_limited':
            res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
            res.status(429).json({
              error: { code: 'RATE_LIMITED', message: `too many submissions: retry in ${outcome.retryAfterSeconds} s` },
            });
            return;
          case 'spam':
            tools.logger.info({ requestId, reason: outcome.reason }, 'web-form submission refused as spam');
            res
              .status(422)
              .json({ error: { code: 'SPAM', reason: outcome.reason, message: spamMessages[outcome.reason] } });
            return;
          default:
            res.status(outcome.status === 'created' ? 201 : 200).json({ leadId: outcome.leadId });
        }
      } catch (error) {
        const { status, body } = toHttpError(error);
        if (status === 500) tools.logger.error({ err: error, requestId }, 'web-form submission failed');
        res.status(status).json(body);
      }
    },
  );
  // Body parser refusals (too large, malformed JSON) answer without a stack trace.
  router.use(
    '/web-forms',
    (error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!error.status || error.status >= 500) return next(error);
      const tooLarge = error.type === 'entity.too.large';
      res.status(error.status).json({
        error: {
          code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT',
          message: tooLarge ? `the body is larger than ${maxBodyBytes}` : 'the body is not valid JSON or form data',
        },
      });
    },
  );
  return router;
}
