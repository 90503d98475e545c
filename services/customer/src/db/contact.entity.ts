import { EntitySchema } from 'typeorm';

export interface ContactRow {
  id: string;
  accountId: string;
  name: string;
  title: string | null;
  role: string | null;
  phones: string[];
  phoneKeys: string[];
  emails: string[];
  emailKeys: string[];
  birthday: string | null;
  preferredChannel: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentWechat: boolean;
  ownerId: string | null;
  description: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
}

export const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contacts',
  columns: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid', name: 'account_id' },
    name: { type: 'text' },
    title: { type: 'text', nullable: true },
    role: { type: 'text', nullable: true },
    phones: { type: 'text', array: true, default: () => "'{}'" },
    phoneKeys: { type: 'text', array: true, name: 'phone_keys', default: () => "'{}'" },
    emails: { type: 'text', array: true, default: () => "'{}'" },
    emailKeys: { type: 'text', array: true, name: 'email_keys', default: () => "'{}'" },
    birthday: { type: 'date', nullable: true },
    preferredChannel: { type: 'text', name: 'preferred_channel', nullable: true },
    consentEmail: { type: 'boolean', name: 'consent_email', default: false },
    consentSms: { type: 'boolean', name: 'consent_sms', default: false },
    consentWechat: { type: 'boolean', name: 'consent_wechat', default: false },
    ownerId: { type: 'uuid', name: 'owner_id', nullable: true },
    description: { type: 'text', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedBy: { type: 'text', name: 'updated_by' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    deletedAt: { type: 'timestamptz', name: 'deleted_at', nullable: true },
    version: { type: 'int' },
  },
});
