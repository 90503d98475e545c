import { customerV1 } from '@crm/contracts';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { LeadRow } from '../db/lead-rows';
import { ViolationCollector } from '../domain/rule-errors';
import { checkLeadInput } from './lead-capture';
import { checkedDealInput } from './new-deal-input';

/** What the user asked a conversion to do, with the lead's values filled in; stored with the conversion. */
export interface LeadConversionRequest {
  leadId: string;
  accountChoice: {
    existingAccountId?: string | null;
    create?: { name: string; industry: string | null; website: string | null; taxId: string | null } | null;
  };
  contact: { name: string; title: string | null; email: string | null; phone: string | null };
  opportunity?: {
    name: string;
    amount?: string | null;
    currency: string;
    pipelineId?: string | null;
    expectedCloseOn?: string | null;
  } | null;
}

export interface ConvertLeadInput {
  leadId: string;
  accountChoice: {
    existingAccountId?: string | null;
    create?: { name?: string | null; industry?: string | null; website?: string | null; taxId?: string | null } | null;
  };
  contact?: { name?: string | null; title?: string | null; email?: string | null; phone?: string | null } | null;
  opportunity?: LeadConversionRequest['opportunity'];
  idempotencyKey?: string | null;
}

const text = (value: string | null | undefined) => value?.trim() || null;

/** The request checked against the lead: one account choice, names present, the deal's fields valid. */
export function checkConversionRequest(input: ConvertLeadInput, lead: LeadRow, actor: Actor): LeadConversionRequest {
  const check = new ViolationCollector();
  const path = ['input'];
  const { existingAccountId, create } = input.accountChoice;
  if (!!existingAccountId === !!create) {
    check.add([...path, 'accountChoice'], 'one_of', 'give either existingAccountId or create, not both or neither');
  }
  if (existingAccountId && !isUuid(existingAccountId)) {
    check.add([...path, 'accountChoice', 'existingAccountId'], 'uuid', 'must be a UUID');
  }
  const accountName = text(create?.name) ?? lead.companyName;
  if (create && !accountName) {
    check.add([...path, 'accountChoice', 'create', 'name'], 'required', 'the lead has no company name: give one');
  }
  const contactName = text(input.contact?.name) ?? lead.personName;
  if (!contactName) check.add([...path, 'contact', 'name'], 'required', 'the lead has no person name: give one');
  const contact = check.read(
    () =>
      checkLeadInput(
        {
          personName: contactName,
          title: input.contact?.title !== undefined ? input.contact.title : lead.title,
          email: input.contact?.email !== undefined ? input.contact.email : lead.email,
          phone: input.contact?.phone !== undefined ? input.contact.phone : lead.phone,
        },
        lead.source,
        [...path, 'contact'],
      ),
    null,
  );
  if (input.opportunity) {
    const deal = input.opportunity;
    // The account is not known yet: a placeholder id lets the deal's own checks run before anything is created.
    const accountId = existingAccountId ?? '00000000-0000-0000-0000-000000000000';
    check.read(() => checkedDealInput({ ...deal, accountId }, actor, [...path, 'opportunity']), null);
  }
  check.throwIfAny();
  return {
    leadId: lead.id,
    accountChoice: existingAccountId
      ? { existingAccountId }
      : {
          create: {
            name: accountName!,
            industry: text(create?.industry) ?? lead.industry,
            website: text(create?.website),
            taxId: text(create?.taxId),
          },
        },
    contact: { name: contactName!, title: contact!.title, email: contact!.email, phone: contact!.phone },
    opportunity: input.opportunity ?? null,
  };
}

/** The account the customer service creates: a prospect owned by the converting user. */
export function accountInputOf(request: LeadConversionRequest): customerV1.AccountInput {
  const create = request.accountChoice.create;
  if (!create) throw InputError.single(['input', 'accountChoice', 'create'], 'required', 'is required');
  return customerV1.AccountInput.fromPartial({
    name: create.name,
    industry: create.industry ?? '',
    website: create.website ?? '',
    taxId: create.taxId ?? '',
    phones: request.contact.phone ? [request.contact.phone] : [],
    emails: request.contact.email ? [request.contact.email] : [],
    lifecycleStage: customerV1.LifecycleStage.PROSPECT,
  });
}

export function contactInputOf(request: LeadConversionRequest): customerV1.ContactInput {
  const { name, title, email, phone } = request.contact;
  return customerV1.ContactInput.fromPartial({
    name,
    title: title ?? '',
    emails: email ? [email] : [],
    phones: phone ? [phone] : [],
  });
}
