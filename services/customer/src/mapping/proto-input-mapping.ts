import type { customerV1 } from '@crm/contracts';
import type { AccountFields, Address } from '../domain/account';
import type { ContactInput, PreferredChannel } from '../domain/contact';
import { protoEnums } from './account-mapping';

/** Proto input → domain fields. proto3 has no "absent": on create, empty strings and UNSPECIFIED mean "not given". */
export function fieldsFromProto(
  input: customerV1.AccountInput,
  only?: (keyof AccountFields)[],
): Partial<AccountFields> {
  const all: Partial<AccountFields> = {
    name: input.name,
    taxId: input.taxId || null,
    industry: input.industry || null,
    size: protoEnums.sizeFromProto(input.size),
    website: input.website || null,
    addresses: input.addresses.map((a): Address => ({
      kind: a.kind,
      line1: a.line1 || null,
      line2: a.line2 || null,
      city: a.city || null,
      region: a.region || null,
      postalCode: a.postalCode || null,
      countryCode: a.countryCode,
    })),
    phones: input.phones,
    emails: input.emails,
    tags: input.tags,
    grade: protoEnums.gradeFromProto(input.grade),
    ownerId: input.ownerId || null,
    teamId: input.teamId || null,
    customFields: input.customFields ?? {},
    description: input.description || null,
  };
  const stage = protoEnums.stageFromProto(input.lifecycleStage);
  if (stage) all.lifecycleStage = stage;
  if (!only) {
    // On create an empty owner or team is "not given" (the defaults of GraphQL apply: a rep's account is theirs), never
    // "the pool": proto3 cannot tell the two apart, and a rep's conversion must not drop the account in the pool.
    if (!input.ownerId) delete all.ownerId;
    if (!input.teamId) delete all.teamId;
    return all;
  }
  return Object.fromEntries(only.map((k) => [k, all[k]])) as Partial<AccountFields>;
}

/** Proto contact input → the domain input of ContactService.create; empty strings mean "not given". */
export function contactInputFromProto(accountId: string, input: customerV1.ContactInput): ContactInput {
  return {
    accountId,
    name: input.name,
    title: input.title || null,
    role: input.role || null,
    phones: input.phones,
    emails: input.emails,
    birthday: input.birthday || null,
    // Validation refuses a value outside the known channels, naming the field.
    preferredChannel: (input.preferredChannel || null) as PreferredChannel | null,
    consentEmail: input.consentEmail,
    consentSms: input.consentSms,
    consentWechat: input.consentWechat,
    ownerId: input.ownerId || null,
    description: input.description || null,
  };
}
