import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { metrics } from '@opentelemetry/api';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { audit } from '@crm/platform/audit';
import { Roles, systemActor, type Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { idempotentCreate } from '@crm/platform/idempotency';
import { isUuid } from '@crm/platform/ids';
import type { CountablePage } from '@crm/platform/pagination';
import {
  webFormColumns as columns,
  webFormFields,
  webFormPage,
  type WebFormField,
  type WebFormRow,
} from '../db/web-form-rows';
import { judgeSubmission, defaultSpamSettings, type SpamReason } from '../domain/web-form-spam';
import { ViolationCollector } from '../domain/rule-errors';
import { has } from '../policy/deal-access';
import type { LeadCapture, LeadInput } from './lead-capture';

/** The signature of the render time, handed to the page with it (GET /web-forms/:key/render). */
const renderTokenField = 'renderToken';

/** Fields every form may send besides its lead fields: the spam check's and the client's submission id. */
const controlFields = [
  defaultSpamSettings.honeypotField,
  defaultSpamSettings.renderedAtField,
  renderTokenField,
  'submissionId',
];

/** Why a submission is refused as spam: the domain's reasons, and a render time this service did not sign. */
export type SubmissionSpamReason = SpamReason | 'render_signature_invalid';

export type SubmissionOutcome =
  | { status: 'unknown_form' }
  | { status: 'rate_limited'; retryAfterSeconds: number }
  | { status: 'spam'; reason: SubmissionSpamReason }
  | { status: 'created' | 'replayed'; leadId: string };

const refusedSpam = metrics
  .getMeter('@crm/sales-pipeline')
  .createCounter('crm.sales.web_form.spam_refused', { description: 'Web-form submissions refused as spam, by reason' });

function renderSignature(form: { id: string; signingSecret: string }, renderedAt: string): string {
  return createHmac('sha256', form.signingSecret).update(`${form.id}.${renderedAt}`).digest('base64url');
}

/** The submission's render time carries this form's signature. */
function signedRenderTime(form: { id: string; signingSecret: string }, payload: Record<string, unknown>): boolean {
  const renderedAt = payload[defaultSpamSettings.renderedAtField];
  const token = payload[renderTokenField];
  if (typeof renderedAt !== 'string' || typeof token !== 'string') return false;
  const expected = Buffer.from(renderSignature(form, renderedAt));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function requireAdmin(actor: Actor): void {
  if (!has(actor, Roles.admin)) throw new NotAllowedError('only crm-admin configures web forms');
}

/** Public web forms (crm-admin configures them) and the submissions that capture leads through them. */
export class WebFormService {
  private readonly limiters = new Map<string, RateLimiterPostgres>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly capture: LeadCapture,
  ) {}

  async create(
    input: {
      name: string;
      teamId: string;
      rateLimitPerMinute: number;
      allowedFields: string[];
      idempotencyKey?: string | null;
    },
    actor: Actor,
  ): Promise<WebFormRow> {
    requireAdmin(actor);
    const check = new ViolationCollector();
    const name = input.name.trim();
    if (!name || name.length > 120) check.add(['input', 'name'], 'length', 'must be 1 to 120 characters');
    const teamId = input.teamId.trim();
    if (!teamId) check.add(['input', 'teamId'], 'required', 'is required');
    if (!Number.isInteger(input.rateLimitPerMinute) || input.rateLimitPerMinute < 1 || input.rateLimitPerMinute > 10000)
      check.add(['input', 'rateLimitPerMinute'], 'range', 'must be a whole number from 1 to 10000');
    const allowed = [...new Set(input.allowedFields)];
    allowed.forEach((field, i) => {
      if (!webFormFields.includes(field as WebFormField))
        check.add(['input', 'allowedFields', i], 'enum', `must be one of ${webFormFields.join(', ')}`);
    });
    if (!allowed.includes('companyName') && !allowed.includes('personName'))
      check.add(['input', 'allowedFields'], 'company_or_person', 'must allow companyName or personName');
    check.throwIfAny();
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        {
          caller: actor.id,
          key: idempotencyKey,
          operation: 'createWebForm',
          payload,
          path: ['input', 'idempotencyKey'],
        },
        async () => {
          const id = randomUUID();
          // 32 random bytes: 43 URL-safe characters nobody guesses; the key is public (it is in the page).
          const publicKey = randomBytes(32).toString('base64url');
          const [row]: WebFormRow[] = await tx.query(
            `INSERT INTO web_forms (id, public_key, signing_secret, name, team_id, rate_limit_per_minute, allowed_fields,
               created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $8, now())
             RETURNING ${columns}`,
            [
              id,
              publicKey,
              randomBytes(32).toString('base64url'),
              name,
              teamId,
              input.rateLimitPerMinute,
              allowed,
              actor.id,
            ],
          );
          await audit(tx, actor, 'web_form.created', { type: 'web_form', id }, [], {
            name,
            teamId,
            rateLimitPerMinute: input.rateLimitPerMinute,
            allowedFields: allowed,
          });
          return row;
        },
        (row) => row.id,
        async (id) => (await tx.query(`SELECT ${columns} FROM web_forms WHERE id = $1`, [id]))[0] as WebFormRow,
      ),
    );
  }

  /** A page of the forms, newest first. */
  async list(
    actor: Actor,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CountablePage<WebFormRow>> {
    requireAdmin(actor);
    return webFormPage(this.dataSource, first, after);
  }

  async deactivate(id: string, actor: Actor): Promise<WebFormRow> {
    requireAdmin(actor);
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    return this.dataSource.transaction(async (tx) => {
      const [[row]]: [WebFormRow[]] = await tx.query(
        `UPDATE web_forms SET active = false, updated_by = $2, updated_at = now(), version = version + 1
          WHERE id = $1 RETURNING ${columns}`,
        [id, actor.id],
      );
      if (!row) throw new NotFoundError('web form', id);
      await audit(tx, actor, 'web_form.deactivated', { type: 'web_form', id }, [
        { field: 'active', before: true, after: false },
      ]);
      return row;
    });
  }

  /** One public submission: unknown form, over its budget, spam, bad fields (InputError), or a captured lead. */
  async submit(publicKey: string, payload: Record<string, unknown>, requestId: string): Promise<SubmissionOutcome> {
    const form = await this.activeForm(publicKey);
    if (!form) return { status: 'unknown_form' };
    try {
      await this.limiterOf(form).consume(form.id);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { status: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
    // The signature first: only a render time this service handed out counts for the fill-time check.
    const verdict: { spam: false } | { spam: true; reason: SubmissionSpamReason } = signedRenderTime(form, payload)
      ? judgeSubmission(payload, new Date())
      : { spam: true, reason: 'render_signature_invalid' };
    if (verdict.spam) {
      refusedSpam.add(1, { reason: verdict.reason });
      return { status: 'spam', reason: verdict.reason };
    }
    const fields = this.leadFieldsOf(form, payload);
    const submissionId = typeof payload.submissionId === 'string' ? payload.submissionId.trim() : '';
    if (submissionId.length > 200) throw InputError.single(['submissionId'], 'length', 'at most 200 characters');
    return this.dataSource.transaction(async (tx) => {
      if (submissionId) {
        // One capture per (form, submission id), also when the client's retries race.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `web_form:${form.id}:${submissionId}`,
        ]);
        const [earlier]: { leadId: string }[] = await tx.query(
          `SELECT lead_id AS "leadId" FROM web_form_submissions WHERE form_id = $1 AND submission_id = $2`,
          [form.id, submissionId],
        );
        if (earlier) return { status: 'replayed', leadId: earlier.leadId };
      }
      const lead = await this.capture.capture(
        tx,
        fields,
        { source: 'web_form', formId: form.id, fallback: { ownerId: null, teamId: form.teamId } },
        systemActor(requestId),
      );
      if (submissionId) {
        await tx.query(
          `INSERT INTO web_form_submissions (form_id, submission_id, lead_id, received_at) VALUES ($1, $2, $3, now())`,
          [form.id, submissionId, lead.id],
        );
      }
      return { status: 'created', leadId: lead.id };
    });
  }

  /** What a page embeds when it shows the form: the render time and its signature, sent back with the submission. */
  async render(publicKey: string): Promise<{ renderedAt: string; renderToken: string } | null> {
    const form = await this.activeForm(publicKey);
    if (!form) return null;
    const renderedAt = String(Date.now());
    return { renderedAt, renderToken: renderSignature(form, renderedAt) };
  }

  private async activeForm(publicKey: string): Promise<(WebFormRow & { signingSecret: string }) | null> {
    const [form]: (WebFormRow & { signingSecret: string })[] = await this.dataSource.query(
      `SELECT ${columns}, signing_secret AS "signingSecret" FROM web_forms WHERE public_key = $1 AND active`,
      [publicKey],
    );
    return form ?? null;
  }

  /** Expired budget rows of the shared rate limiter (the job's work: no in-process timers). */
  async pruneRateLimits(): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM web_form_rate_limits WHERE expire < $1`, [
      Date.now(),
    ])) as [unknown, number];
    return count;
  }

  /** The lead fields of a submission: only those the form allows, as text. */
  private leadFieldsOf(form: WebFormRow, payload: Record<string, unknown>): LeadInput {
    const check = new ViolationCollector();
    const fields: LeadInput = {};
    for (const [key, value] of Object.entries(payload)) {
      if (controlFields.includes(key)) continue;
      if (!form.allowedFields.includes(key as WebFormField)) {
        check.add([key], 'not_allowed', `this form does not take ${key}`);
        continue;
      }
      if (typeof value !== 'string') check.add([key], 'type', 'must be text');
      else fields[key as WebFormField] = value;
    }
    check.throwIfAny();
    return fields;
  }

  /** The form's budget per minute, kept in PostgreSQL so every replica draws on the same one. */
  private limiterOf(form: WebFormRow): RateLimiterPostgres {
    const cacheKey = `${form.id}:${form.rateLimitPerMinute}`;
    let limiter = this.limiters.get(cacheKey);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: (this.dataSource.driver as PostgresDriver).master,
        storeType: 'pool',
        tableName: 'web_form_rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: `web_form:${form.rateLimitPerMinute}`,
        points: form.rateLimitPerMinute,
        duration: 60,
      });
      this.limiters.set(cacheKey, limiter);
    }
    return limiter;
  }
}
