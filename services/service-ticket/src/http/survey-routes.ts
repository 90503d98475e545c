import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { sourceIpOf } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import type { RouteTools } from '@crm/platform/host';
import type { SurveyAnswers, SurveyRefusal } from '../application/survey-answers';
import type { SurveyLocale } from '../domain/survey-answer';
import { chooseSurveyLocale } from './survey-locale';
import { renderSurveyPage, type SurveyPage } from './survey-page';

/** A rating and a 2000-character Chinese comment, percent-encoded (9 bytes a character), fit with room to spare. */
const maxBodyBytes = 24 * 1024;

/** The token is in the URL: no referrer leaks it, no cache keeps it, no frame or script can read the page. */
const pageHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const refusalPages: Record<SurveyRefusal, { status: number; page: SurveyPage }> = {
  malformed: { status: 400, page: { kind: 'invalid' } },
  unknown: { status: 404, page: { kind: 'invalid' } },
  answered: { status: 409, page: { kind: 'answered' } },
  expired: { status: 410, page: { kind: 'expired' } },
};

function send(res: Response, locale: SurveyLocale, status: number, page: SurveyPage): void {
  res.status(status).set(pageHeaders).set('Content-Language', locale).type('html').send(renderSurveyPage(page, locale));
}

const localeOf = (req: Request): SurveyLocale => chooseSurveyLocale(req.query.lang, req.get('accept-language'));
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The customer's survey page (publicAccess in the policy table: the signed link is the credential). `GET` shows the
 * form or why it cannot be answered; `POST` (form-urlencoded) answers once. 400 malformed link or bad answer, 404
 * unknown link, 409 already answered, 410 expired, 413 body too large. The token is never logged.
 */
export function surveyRoutes(surveys: SurveyAnswers, tools: RouteTools): Router {
  const router = Router();
  const failed = (res: Response, locale: SurveyLocale, error: unknown, requestId: string) => {
    tools.logger.error({ err: error, requestId }, 'survey page failed');
    send(res, locale, 500, { kind: 'unavailable' });
  };

  router.get('/surveys/:token', async (req: Request, res: Response) => {
    const locale = localeOf(req);
    try {
      const opened = await surveys.open(String(req.params.token));
      if (opened.kind !== 'open')
        return send(res, locale, refusalPages[opened.kind].status, refusalPages[opened.kind].page);
      send(res, locale, 200, { kind: 'form', ticketNumber: opened.ticketNumber, ticketSubject: opened.ticketSubject });
    } catch (error) {
      failed(res, locale, error, randomUUID());
    }
  });

  router.post(
    '/surveys/:token',
    express.urlencoded({ limit: maxBodyBytes, extended: false, parameterLimit: 10 }),
    // A body refused by the parser: too large gets its own page, anything else is answered as an empty form.
    (error: { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
      if (error.type === 'entity.too.large') return send(res, localeOf(req), 413, { kind: 'tooLarge' });
      if (!error.status || error.status >= 500) return next(error);
      req.body = {};
      next();
    },
    async (req: Request, res: Response) => {
      const locale = localeOf(req);
      const requestId = randomUUID();
      const token = String(req.params.token);
      const form: Record<string, unknown> = typeof req.body === 'object' && req.body ? req.body : {};
      try {
        const answered = await surveys.answer(token, form, { requestId, sourceIp: sourceIpOf(req) });
        if (answered.kind === 'answered_now') return send(res, locale, 200, { kind: 'thanks' });
        send(res, locale, refusalPages[answered.kind].status, refusalPages[answered.kind].page);
      } catch (error) {
        if (!(error instanceof InputError)) return failed(res, locale, error, requestId);
        const opened = await surveys.open(token).catch(() => null);
        if (opened?.kind !== 'open') return failed(res, locale, error, requestId);
        send(res, locale, 400, {
          kind: 'form',
          ticketNumber: opened.ticketNumber,
          ticketSubject: opened.ticketSubject,
          violations: error.violations,
          values: { rating: textOf(form.rating), comment: textOf(form.comment) },
        });
      }
    },
  );
  return router;
}
