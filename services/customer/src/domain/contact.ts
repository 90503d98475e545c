export type PreferredChannel = 'phone' | 'email' | 'wechat' | 'sms' | 'visit';

export const preferredChannels: readonly PreferredChannel[] = ['phone', 'email', 'wechat', 'sms', 'visit'];

export interface ContactFields {
  accountId: string;
  name: string;
  title: string | null;
  role: string | null;
  phones: string[];
  emails: string[];
  /** A calendar date, YYYY-MM-DD. */
  birthday: string | null;
  preferredChannel: PreferredChannel | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentWechat: boolean;
  ownerId: string | null;
  /** Free-text notes (备注). */
  description: string | null;
}

/** What a caller sends to create or change a contact: any field, possibly null (GraphQL input); validation decides. */
export type ContactInput = { [K in keyof ContactFields]?: ContactFields[K] | null };
