import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import {
  ConflictError,
  DomainError,
  InputError,
  NotAllowedError,
  NotFoundError,
  UnauthenticatedError,
} from '@crm/platform/errors';
import { fingerprintOf } from '@crm/platform/idempotency';
import { isUuid } from '@crm/platform/ids';
import {
  findConversion,
  insertConversion,
  openConversionStates,
  updateConversion,
  type LeadConversionRow,
} from '../db/lead-conversion-rows';
import { leadsById } from '../db/lead-rows';
import { transitionLead } from '../domain/lead-rules';
import { preconditionFailed } from '../domain/rule-errors';
import { recordEvent } from '../events/sales-events';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import {
  accountInputOf,
  checkConversionRequest,
  contactInputOf,
  type ConvertLeadInput,
} from './lead-conversion-request';
import type { LeadService } from './lead-service';
import type { OpportunityService } from './opportunity-service';

/** A refusal that a retry will not change (bad input, no access, abandoned key): the conversion is compensated. */
function isPermanent(error: unknown): boolean {
  return error instanceof DomainError && !(error instanceof UnauthenticatedError);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Lead conversion as a saga over the customer service's gRPC: (1) the conversion recorded on the locked, qualified
 * lead; (2) the account created under `<conversion>:account` (or the chosen one checked for edit); (3) the contact under
 * `<conversion>:contact`; (4) one local transaction: the deal, the lead converted, `lead.converted`. A retry resumes
 * where it stopped (the keys return the same records); a permanent refusal or the user's cancel compensates through the
 * outbox (`lead.conversion_abandoned` names the keys; the customer service discards what they created).
 */
export class LeadConversionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadService,
    private readonly opportunities: OpportunityService,
    private readonly customers: CustomerAccounts,
  ) {}

  /** The accounts the customer service's dedupe finds for the lead, for the user to pick from before converting. */
  async candidates(leadId: string, actor: Actor, token: string) {
    const lead = await this.leads.get(leadId, actor);
    return this.customers.findDuplicateAccounts(
      {
        name: lead.companyName ?? '',
        taxId: '',
        phones: lead.phone ? [lead.phone] : [],
        emails: lead.email ? [lead.email] : [],
        website: '',
      },
      token,
    );
  }

  async convert(input: ConvertLeadInput, actor: Actor, token: string): Promise<LeadConversionRow> {
    const conversion = await this.begin(input, actor);
    return this.advance(conversion, actor, token);
  }

  /** The user gives up on an open conversion: what it created is discarded. */
  async abandon(id: string, actor: Actor): Promise<LeadConversionRow> {
    if (!isUuid(id)) throw InputError.single(['id'], 'uuid', 'must be a UUID');
    const conversion = await findConversion(this.dataSource.manager, 'id = $1', [id]);
    if (!conversion) throw new NotFoundError('lead conversion', id);
    await this.dataSource.transaction((tx) => this.leads.lockForEdit(tx, conversion.leadId, actor));
    return this.compensate(conversion, 'cancelled by the user', actor);
  }

  /** Step 1: the conversion for this key (or the lead's open one) resumed, or a new one on a qualified lead. */
  private async begin(input: ConvertLeadInput, actor: Actor): Promise<LeadConversionRow> {
    const key = input.idempotencyKey?.trim() || randomUUID();
    if (key.length > 200) throw InputError.single(['input', 'idempotencyKey'], 'length', 'at most 200 characters');
    return this.dataSource.transaction(async (tx) => {
      const lead = await this.leads.lockForEdit(tx, input.leadId, actor, ['input', 'leadId']);
      const same = await findConversion(tx, 'requested_by = $1 AND idempotency_key = $2', [actor.id, key]);
      if (same) {
        if (fingerprintOf(same.request) !== fingerprintOf(checkConversionRequest(input, lead, actor))) {
          throw new ConflictError(`idempotency key "${key}" was used for another conversion: use a new key`, {
            field: 'input.idempotencyKey',
            rule: 'idempotency_key_reused',
          });
        }
        return same;
      }
      const open = await findConversion(tx, 'lead_id = $1 AND state = ANY($2::text[])', [
        lead.id,
        openConversionStates,
      ]);
      if (open) {
        if (open.requestedBy !== actor.id) {
          throw new ConflictError(`lead ${lead.id} is being converted by another user`, { leadId: lead.id });
        }
        return open;
      }
      transitionLead(lead.status, 'converted');
      const request = checkConversionRequest(input, lead, actor);
      const id = randomUUID();
      const conversion = await insertConversion(tx, {
        id,
        leadId: lead.id,
        requestedBy: actor.id,
        idempotencyKey: key,
        request,
        accountKey: `${id}:account`,
        contactKey: `${id}:contact`,
        existingAccount: !!request.accountChoice.existingAccountId,
      });
      await audit(tx, actor, 'lead.conversion_started', { type: 'lead', id: lead.id }, [], { conversionId: id });
      return conversion;
    });
  }

  /** Steps 2 to 4 from wherever the conversion stopped. */
  private async advance(start: LeadConversionRow, actor: Actor, token: string): Promise<LeadConversionRow> {
    let conversion = start;
    const { request } = conversion;
    try {
      if (conversion.state === 'started') {
        const accountId = request.accountChoice.existingAccountId
          ? await this.requireEditable(request.accountChoice.existingAccountId, token)
          : (await this.customers.createAccount(accountInputOf(request), conversion.accountKey, token)).id;
        conversion = await updateConversion(this.dataSource.manager, conversion.id, {
          state: 'account_done',
          accountId,
        });
      }
      if (conversion.state === 'account_done') {
        const contact = await this.customers.createContact(
          conversion.accountId!,
          contactInputOf(request),
          conversion.contactKey,
          token,
        );
        conversion = await updateConversion(this.dataSource.manager, conversion.id, {
          state: 'contact_done',
          contactId: contact.id,
        });
      }
      if (conversion.state === 'contact_done') conversion = await this.complete(conversion, actor, token);
      return conversion;
    } catch (error) {
      if (isPermanent(error)) {
        await this.compensate(conversion, messageOf(error), actor);
        throw error;
      }
      // May heal (the customer service down or slow): kept where it stopped for a retry; the job gives up later.
      return updateConversion(this.dataSource.manager, conversion.id, {
        lastError: messageOf(error),
        failedAttempt: true,
      });
    }
  }

  private async requireEditable(accountId: string, token: string): Promise<string> {
    const access = await this.customers.accountAccess(accountId, token);
    if (access.access !== 'edit') {
      throw new NotAllowedError(`input.accountChoice.existingAccountId: you may not edit account ${accountId}`, {
        path: ['input', 'accountChoice', 'existingAccountId'],
        rule: 'account_edit',
      });
    }
    return accountId;
  }

  /** Step 4, one local transaction: the deal (if asked), the lead converted, the event, the conversion completed. */
  private async complete(conversion: LeadConversionRow, actor: Actor, token: string): Promise<LeadConversionRow> {
    const account = await this.customers.accountAccess(conversion.accountId!, token);
    if (account.access === 'none') throw new NotFoundError('account', conversion.accountId!);
    return this.dataSource.transaction(async (tx) => {
      const lead = (await leadsById(tx, [conversion.leadId], { lock: true })).get(conversion.leadId)!;
      const current = await findConversion(tx, 'id = $1', [conversion.id], { lock: true });
      if (current?.state !== 'contact_done') return current!;
      // Someone may have disqualified the lead while the customer service worked: that ends the conversion.
      transitionLead(lead.status, 'converted');
      const deal = conversion.request.opportunity;
      const opportunity = deal
        ? await this.opportunities.createForLead(
            tx,
            { ...deal, accountId: account.id, ownerId: lead.ownerId ?? actor.id },
            account,
            lead,
            actor,
            ['input', 'opportunity'],
          )
        : null;
      await tx.query(
        `UPDATE leads SET status = 'converted', converted_account_id = $2, converted_contact_id = $3,
           converted_opportunity_id = $4, converted_at = now(), updated_by = $5, updated_at = now(),
           version = version + 1 WHERE id = $1`,
        [lead.id, conversion.accountId, conversion.contactId, opportunity?.id ?? null, actor.id],
      );
      await recordEvent(
        tx,
        'leadConverted',
        actor,
        { type: 'lead', id: lead.id, version: lead.version + 1 },
        {
          leadId: lead.id,
          conversionId: conversion.id,
          accountId: conversion.accountId!,
          contactId: conversion.contactId!,
          opportunityId: opportunity?.id ?? '',
          existingAccount: conversion.existingAccount,
        },
      );
      const done = await updateConversion(tx, conversion.id, {
        state: 'completed',
        opportunityId: opportunity?.id,
      });
      await audit(
        tx,
        actor,
        'lead.converted',
        { type: 'lead', id: lead.id },
        [{ field: 'status', before: lead.status, after: 'converted' }],
        {
          conversionId: conversion.id,
          accountId: done.accountId,
          contactId: done.contactId,
          opportunityId: done.opportunityId,
        },
      );
      return done;
    });
  }

  /**
   * Marks an open conversion abandoned and announces it in the same transaction (the outbox carries the keys to the
   * customer service even if this process dies right after); a completed one is left alone.
   */
  async compensate(conversion: LeadConversionRow, reason: string, actor: Actor): Promise<LeadConversionRow> {
    return this.dataSource.transaction(async (tx) => {
      const current = (await findConversion(tx, 'id = $1', [conversion.id], { lock: true }))!;
      if (current.state === 'completed') {
        throw preconditionFailed(['id'], 'conversion_completed', 'the conversion completed and cannot be abandoned');
      }
      if (current.state === 'abandoned') return current;
      const abandoned = await updateConversion(tx, current.id, { state: 'abandoned', lastError: reason });
      await recordEvent(
        tx,
        'leadConversionAbandoned',
        actor,
        { type: 'lead', id: current.leadId, version: 0 },
        {
          leadId: current.leadId,
          conversionId: current.id,
          idempotencyKeys: current.existingAccount ? [current.contactKey] : [current.accountKey, current.contactKey],
          reason,
        },
      );
      await audit(tx, actor, 'lead.conversion_abandoned', { type: 'lead', id: current.leadId }, [], {
        conversionId: current.id,
        reason,
        accountId: current.accountId,
        contactId: current.contactId,
      });
      return abandoned;
    });
  }

  /** The job: open conversions untouched for `staleMs` count an attempt; after `maxAttempts` they are abandoned. */
  async sweepStuck(actor: Actor, options: { staleMs: number; maxAttempts: number }): Promise<number> {
    const stuck: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM lead_conversions WHERE state = ANY($1::text[]) AND updated_at < now() - $2 * interval '1 ms'
        ORDER BY updated_at LIMIT 100`,
      [openConversionStates, options.staleMs],
    );
    let abandoned = 0;
    for (const { id } of stuck) {
      const row = await updateConversion(this.dataSource.manager, id, { failedAttempt: true });
      if (row.attempts >= options.maxAttempts && openConversionStates.includes(row.state)) {
        await this.compensate(row, `gave up after ${row.attempts} attempts: ${row.lastError ?? 'no progress'}`, actor);
        abandoned++;
      }
    }
    return abandoned;
  }
}
