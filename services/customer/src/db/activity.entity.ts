import { EntitySchema } from 'typeorm';

export interface ActivityRow {
  id: string;
  accountId: string;
  contactId: string | null;
  kind: string;
  subject: string;
  outcome: string | null;
  nextStep: string | null;
  nextFollowUpAt: Date | null;
  occurredAt: Date;
  opportunityId: string | null;
  ticketId: string | null;
  createdBy: string;
  createdAt: Date;
}

export const ActivityEntity = new EntitySchema<ActivityRow>({
  name: 'Activity',
  tableName: 'activities',
  columns: {
    id: { type: 'uuid', primary: true },
    accountId: { type: 'uuid', name: 'account_id' },
    contactId: { type: 'uuid', name: 'contact_id', nullable: true },
    kind: { type: 'text' },
    subject: { type: 'text' },
    outcome: { type: 'text', nullable: true },
    nextStep: { type: 'text', name: 'next_step', nullable: true },
    nextFollowUpAt: { type: 'timestamptz', name: 'next_follow_up_at', nullable: true },
    occurredAt: { type: 'timestamptz', name: 'occurred_at' },
    opportunityId: { type: 'uuid', name: 'opportunity_id', nullable: true },
    ticketId: { type: 'uuid', name: 'ticket_id', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
