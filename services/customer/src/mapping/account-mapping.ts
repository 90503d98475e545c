import { customerV1 } from '@crm/contracts';
import type { AccountFields, CompanySize, Grade, LifecycleStage } from '../domain/account';
import type { AccountRow } from '../db/account.entity';
import type { ContactRow } from '../db/contact.entity';
import type { ActivityRow } from '../db/activity.entity';

export function rowToFields(row: AccountRow): AccountFields {
  return {
    name: row.name,
    taxId: row.taxId,
    industry: row.industry,
    size: row.size as CompanySize | null,
    website: row.website,
    addresses: row.addresses,
    phones: row.phones,
    emails: row.emails,
    tags: row.tags,
    grade: row.grade as Grade | null,
    lifecycleStage: row.lifecycleStage as LifecycleStage,
    ownerId: row.ownerId,
    teamId: row.teamId,
    customFields: row.customFields,
    description: row.description,
  };
}

const gradeToProto: Record<Grade, customerV1.Grade> = {
  A: customerV1.Grade.A,
  B: customerV1.Grade.B,
  C: customerV1.Grade.C,
};
const stageToProto: Record<LifecycleStage, customerV1.LifecycleStage> = {
  prospect: customerV1.LifecycleStage.PROSPECT,
  customer: customerV1.LifecycleStage.CUSTOMER,
  churned: customerV1.LifecycleStage.CHURNED,
};
const sizeToProto: Record<CompanySize, customerV1.CompanySize> = {
  micro: customerV1.CompanySize.MICRO,
  small: customerV1.CompanySize.SMALL,
  medium: customerV1.CompanySize.MEDIUM,
  large: customerV1.CompanySize.LARGE,
  enterprise: customerV1.CompanySize.ENTERPRISE,
};

function invert<K extends string, V extends number>(map: Record<K, V>): Map<V, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as V, k as K]));
}
const gradeFromProtoMap = invert(gradeToProto);
const stageFromProtoMap = invert(stageToProto);
const sizeFromProtoMap = invert(sizeToProto);

export const protoEnums = {
  gradeToProto: (g: string | null) => (g ? gradeToProto[g as Grade] : customerV1.Grade.UNSPECIFIED),
  gradeFromProto: (g: customerV1.Grade): Grade | null => gradeFromProtoMap.get(g) ?? null,
  stageFromProto: (s: customerV1.LifecycleStage): LifecycleStage | null => stageFromProtoMap.get(s) ?? null,
  stageToProto: (s: string) => stageToProto[s as LifecycleStage] ?? customerV1.LifecycleStage.UNSPECIFIED,
  sizeFromProto: (s: customerV1.CompanySize): CompanySize | null => sizeFromProtoMap.get(s) ?? null,
  sizeToProto: (s: string | null) => (s ? sizeToProto[s as CompanySize] : customerV1.CompanySize.UNSPECIFIED),
};

export function accountToProto(row: AccountRow): customerV1.Account {
  return {
    id: row.id,
    name: row.name,
    taxId: row.taxId ?? '',
    industry: row.industry ?? '',
    size: protoEnums.sizeToProto(row.size),
    website: row.website ?? '',
    addresses: row.addresses.map((a) => ({
      kind: a.kind,
      line1: a.line1 ?? '',
      line2: a.line2 ?? '',
      city: a.city ?? '',
      region: a.region ?? '',
      postalCode: a.postalCode ?? '',
      countryCode: a.countryCode,
    })),
    phones: row.phones,
    emails: row.emails,
    tags: row.tags,
    grade: protoEnums.gradeToProto(row.grade),
    lifecycleStage: protoEnums.stageToProto(row.lifecycleStage),
    ownerId: row.ownerId ?? '',
    teamId: row.teamId ?? '',
    customFields: row.customFields,
    audit: { createdBy: row.createdBy, createdAt: row.createdAt, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    lastActivityAt: row.lastActivityAt ?? undefined,
    deletedAt: row.deletedAt ?? undefined,
    mergedIntoId: row.mergedIntoId ?? '',
    version: String(row.version),
    description: row.description ?? '',
  };
}

export function contactToProto(row: ContactRow): customerV1.Contact {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    title: row.title ?? '',
    role: row.role ?? '',
    phones: row.phones,
    emails: row.emails,
    ownerId: row.ownerId ?? '',
    preferredChannel: row.preferredChannel ?? '',
    consentEmail: row.consentEmail,
    consentSms: row.consentSms,
    consentWechat: row.consentWechat,
    description: row.description ?? '',
  };
}

const activityKindToProto: Record<string, customerV1.ActivityKind> = {
  call: customerV1.ActivityKind.CALL,
  visit: customerV1.ActivityKind.VISIT,
  meeting: customerV1.ActivityKind.MEETING,
  email: customerV1.ActivityKind.EMAIL,
  wechat: customerV1.ActivityKind.WECHAT,
  note: customerV1.ActivityKind.NOTE,
};
const activityKindFromProtoMap = invert(activityKindToProto);
export const activityKindFromProto = (k: customerV1.ActivityKind): string | null =>
  activityKindFromProtoMap.get(k) ?? null;

export function activityToProto(row: ActivityRow): customerV1.Activity {
  return {
    id: row.id,
    accountId: row.accountId,
    contactId: row.contactId ?? '',
    kind: activityKindToProto[row.kind] ?? customerV1.ActivityKind.UNSPECIFIED,
    subject: row.subject,
    outcome: row.outcome ?? '',
    nextStep: row.nextStep ?? '',
    nextFollowUpAt: row.nextFollowUpAt ?? undefined,
    occurredAt: row.occurredAt,
    opportunityId: row.opportunityId ?? '',
    ticketId: row.ticketId ?? '',
    audit: { createdBy: row.createdBy, createdAt: row.createdAt, updatedBy: row.createdBy, updatedAt: row.createdAt },
  };
}
