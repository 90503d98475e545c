import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { defaultPhoneCountry, normalizeEmail, normalizePhone } from '@crm/platform/contact-points';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import { idempotentCreate } from '@crm/platform/idempotency';
import { leadsById, type LeadRow, type LeadSource } from '../db/lead-rows';
import { validateLead, type LeadContactReaders, type LeadFields } from '../domain/lead-rules';
import { recordEvent } from '../events/sales-events';
import { canCaptureLeads } from '../policy/lead-access';
import type { LeadAssignmentService } from './lead-assignment-service';

/** What a lead is captured with, from any channel (GraphQL, web form, import). */
export interface LeadInput {
  companyName?: string | null;
  personName?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  industry?: string | null;
  region?: string | null;
}

export const contactReaders: LeadContactReaders = { normalizeEmail, normalizePhone };

const maxTitleLength = 120;

/** The lead's fields checked by the domain rules (every bad field named at once, under `path`). */
export function checkLeadInput(
  input: LeadInput,
  source: LeadSource,
  path: (string | number)[] = [],
): LeadFields & {
  title: string | null;
} {
  const title = input.title?.normalize('NFC').trim().replace(/\s+/g, ' ') || null;
  try {
    const fields = validateLead({ ...input, source }, contactReaders, defaultPhoneCountry);
    if (title !== null && [...title].length > maxTitleLength) {
      throw InputError.single([...path, 'title'], 'max_length', `at most ${maxTitleLength} characters`);
    }
    return { ...fields, title };
  } catch (error) {
    if (error instanceof InputError && path.length) {
      throw new InputError(error.violations.map((v) => ({ ...v, path: [...path, ...v.path] })));
    }
    throw error;
  }
}

/** Where a captured lead goes when no assignment rule fits. */
export interface Fallback {
  ownerId: string | null;
  teamId: string | null;
}

/** Capturing a lead, the one path every channel takes: check, assign by the rules, insert, announce, audit. */
export class LeadCapture {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignment: LeadAssignmentService,
  ) {}

  /** Inside the caller's transaction. */
  async capture(
    tx: EntityManager,
    input: LeadInput,
    channel: {
      source: LeadSource;
      formId?: string | null;
      fallback: Fallback;
      path?: (string | number)[];
      /** False when the caller audits a batch itself, last (an import). */
      audit?: boolean;
    },
    actor: Actor,
  ): Promise<LeadRow> {
    const fields = checkLeadInput(input, channel.source, channel.path);
    const assigned = await this.assignment.assign(tx, fields);
    const ownerId = assigned?.ownerId ?? channel.fallback.ownerId;
    const teamId = assigned?.teamId ?? channel.fallback.teamId;
    const id = randomUUID();
    await tx.query(
      `INSERT INTO leads (id, company_name, person_name, title, email, phone, industry, region, source, form_id,
         status, owner_id, team_id, assignment_rule_id, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'new', $11, $12, $13, $14, now(), $14, now())`,
      [
        id,
        fields.companyName,
        fields.personName,
        fields.title,
        fields.email,
        fields.phone,
        fields.industry,
        fields.region,
        channel.source,
        channel.formId ?? null,
        ownerId,
        teamId,
        assigned?.ruleId ?? null,
        actor.id,
      ],
    );
    const lead = (await leadsById(tx, [id])).get(id)!;
    const aggregate = { type: 'lead' as const, id, version: 1 };
    await recordEvent(tx, 'leadCaptured', actor, aggregate, {
      leadId: id,
      source: channel.source,
      companyName: lead.companyName ?? '',
      formId: channel.formId ?? '',
    });
    if (ownerId) {
      await recordEvent(tx, 'leadAssigned', actor, aggregate, {
        leadId: id,
        ownerId,
        previousOwnerId: '',
        teamId: teamId ?? '',
        ruleId: assigned?.ruleId ?? '',
      });
    }
    if (channel.audit === false) return lead;
    await audit(tx, actor, 'lead.captured', { type: 'lead', id }, [], {
      source: channel.source,
      formId: channel.formId ?? null,
      ownerId,
      teamId,
      ruleId: assigned?.ruleId ?? null,
    });
    return lead;
  }

  /** GraphQL createLead: the caller's lead unless a rule assigns it; once per idempotency key. */
  async create(input: LeadInput & { idempotencyKey?: string | null }, actor: Actor): Promise<LeadRow> {
    if (!canCaptureLeads(actor)) throw new NotAllowedError('only sales staff and crm-admin capture leads');
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        { caller: actor.id, key: idempotencyKey, operation: 'createLead', payload, path: ['input', 'idempotencyKey'] },
        () =>
          this.capture(
            tx,
            payload,
            { source: 'graphql', fallback: { ownerId: actor.id, teamId: actor.teams[0] ?? null }, path: ['input'] },
            actor,
          ),
        (lead) => lead.id,
        async (id) => (await leadsById(tx, [id])).get(id)!,
      ),
    );
  }
}
