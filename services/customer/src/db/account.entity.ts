import { EntitySchema } from 'typeorm';

/** The persistence model of an account; the API types are mapped from it (see ../mapping). */
export interface AccountRow {
  id: string;
  name: string;
  nameKey: string | null;
  taxId: string | null;
  taxIdKey: string | null;
  industry: string | null;
  size: string | null;
  website: string | null;
  addresses: AddressJson[];
  phones: string[];
  phoneKeys: string[];
  emails: string[];
  emailKeys: string[];
  tags: string[];
  grade: string | null;
  lifecycleStage: string;
  ownerId: string | null;
  teamId: string | null;
  /** Sensitive: decimal string (numeric column), with its ISO currency. */
  creditLimit: string | null;
  creditCurrency: string | null;
  paymentTerms: string | null;
  bankName: string | null;
  bankAccount: string | null;
  taxRegistration: string | null;
  /** When the current owner got the account (claim, assignment or creation). */
  ownerSince: Date | null;
  /** When the owner was warned that the account returns to the pool for lack of follow-up. */
  poolWarnedAt: Date | null;
  customFields: Record<string, unknown>;
  description: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  lastActivityAt: Date | null;
  /** The explicit next follow-up of the latest activity (domain/follow-up-cadence.ts). */
  nextFollowUpAt: Date | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  mergedIntoId: string | null;
  version: number;
}

export interface AddressJson {
  kind: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    nameKey: { type: 'text', name: 'name_key', nullable: true },
    taxId: { type: 'text', name: 'tax_id', nullable: true },
    taxIdKey: { type: 'text', name: 'tax_id_key', nullable: true },
    industry: { type: 'text', nullable: true },
    size: { type: 'text', nullable: true },
    website: { type: 'text', nullable: true },
    addresses: { type: 'jsonb', default: () => "'[]'" },
    phones: { type: 'text', array: true, default: () => "'{}'" },
    phoneKeys: { type: 'text', array: true, name: 'phone_keys', default: () => "'{}'" },
    emails: { type: 'text', array: true, default: () => "'{}'" },
    emailKeys: { type: 'text', array: true, name: 'email_keys', default: () => "'{}'" },
    tags: { type: 'text', array: true, default: () => "'{}'" },
    grade: { type: 'text', nullable: true },
    lifecycleStage: { type: 'text', name: 'lifecycle_stage' },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    teamId: { type: 'text', name: 'team_id', nullable: true },
    creditLimit: { type: 'numeric', name: 'credit_limit', nullable: true },
    creditCurrency: { type: 'text', name: 'credit_currency', nullable: true },
    paymentTerms: { type: 'text', name: 'payment_terms', nullable: true },
    bankName: { type: 'text', name: 'bank_name', nullable: true },
    bankAccount: { type: 'text', name: 'bank_account', nullable: true },
    taxRegistration: { type: 'text', name: 'tax_registration', nullable: true },
    ownerSince: { type: 'timestamptz', name: 'owner_since', nullable: true },
    poolWarnedAt: { type: 'timestamptz', name: 'pool_warned_at', nullable: true },
    customFields: { type: 'jsonb', name: 'custom_fields', default: () => "'{}'" },
    description: { type: 'text', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedBy: { type: 'text', name: 'updated_by' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    lastActivityAt: { type: 'timestamptz', name: 'last_activity_at', nullable: true },
    nextFollowUpAt: { type: 'timestamptz', name: 'next_follow_up_at', nullable: true },
    deletedAt: { type: 'timestamptz', name: 'deleted_at', nullable: true },
    deletedBy: { type: 'text', name: 'deleted_by', nullable: true },
    mergedIntoId: { type: 'uuid', name: 'merged_into_id', nullable: true },
    version: { type: 'int' },
  },
});
