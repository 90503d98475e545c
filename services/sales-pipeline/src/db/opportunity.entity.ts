import { EntitySchema } from 'typeorm';

export type OpportunityStatus = 'open' | 'won' | 'lost';

/** The persistence model of an opportunity (deal); the API types are mapped from it (see ../graphql). */
export interface OpportunityRow {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  teamId: string | null;
  pipelineId: string;
  stageId: string;
  status: OpportunityStatus;
  /** Decimal string (numeric column) in `currency`. */
  amount: string;
  currency: string;
  /** Decimal string, percent. */
  probability: string;
  /** True when someone set the probability by hand; a stage move then keeps it. */
  probabilityOverridden: boolean;
  /** Calendar date YYYY-MM-DD. */
  expectedCloseOn: string | null;
  nextStep: string | null;
  competitors: string[];
  description: string | null;
  primaryContactId: string | null;
  lossReason: string | null;
  closedAt: Date | null;
  stageEnteredAt: Date;
  lastActivityAt: Date | null;
  sourceLeadId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
}

export const OpportunityEntity = new EntitySchema<OpportunityRow>({
  name: 'Opportunity',
  tableName: 'opportunities',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    accountId: { type: 'uuid', name: 'account_id' },
    ownerId: { type: 'uuid', name: 'owner_id' },
    teamId: { type: 'text', name: 'team_id', nullable: true },
    pipelineId: { type: 'uuid', name: 'pipeline_id' },
    stageId: { type: 'uuid', name: 'stage_id' },
    status: { type: 'text' },
    amount: { type: 'numeric' },
    currency: { type: 'text' },
    probability: { type: 'numeric' },
    probabilityOverridden: { type: 'boolean', name: 'probability_overridden' },
    expectedCloseOn: { type: 'date', name: 'expected_close_on', nullable: true },
    nextStep: { type: 'text', name: 'next_step', nullable: true },
    competitors: { type: 'text', array: true },
    description: { type: 'text', nullable: true },
    primaryContactId: { type: 'uuid', name: 'primary_contact_id', nullable: true },
    lossReason: { type: 'text', name: 'loss_reason', nullable: true },
    closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
    stageEnteredAt: { type: 'timestamptz', name: 'stage_entered_at' },
    lastActivityAt: { type: 'timestamptz', name: 'last_activity_at', nullable: true },
    sourceLeadId: { type: 'uuid', name: 'source_lead_id', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedBy: { type: 'text', name: 'updated_by' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    deletedAt: { type: 'timestamptz', name: 'deleted_at', nullable: true },
    version: { type: 'int' },
  },
});
