import type { EntityManager } from 'typeorm';
import type { OpportunityRow } from './opportunity.entity';

/**
 * The select list that reads an `opportunities` row (aliased `alias`) as an OpportunityRow: camelCase names, money as
 * decimal strings, the close date as YYYY-MM-DD (pg would turn a date into a local-midnight Date).
 */
export function opportunityColumns(alias = 'o'): string {
  return `${alias}.id, ${alias}.name, ${alias}.account_id AS "accountId", ${alias}.owner_id AS "ownerId",
    ${alias}.team_id AS "teamId", ${alias}.pipeline_id AS "pipelineId", ${alias}.stage_id AS "stageId",
    ${alias}.status, ${alias}.amount::text AS amount, ${alias}.currency, ${alias}.probability::text AS probability,
    ${alias}.probability_overridden AS "probabilityOverridden",
    to_char(${alias}.expected_close_on, 'YYYY-MM-DD') AS "expectedCloseOn", ${alias}.next_step AS "nextStep",
    ${alias}.competitors, ${alias}.description, ${alias}.primary_contact_id AS "primaryContactId",
    ${alias}.loss_reason AS "lossReason", ${alias}.closed_at AS "closedAt",
    ${alias}.stage_entered_at AS "stageEnteredAt", ${alias}.last_activity_at AS "lastActivityAt",
    ${alias}.source_lead_id AS "sourceLeadId", ${alias}.created_by AS "createdBy", ${alias}.created_at AS "createdAt",
    ${alias}.updated_by AS "updatedBy", ${alias}.updated_at AS "updatedAt", ${alias}.deleted_at AS "deletedAt",
    ${alias}.version`;
}

/** Loads live (not deleted) opportunities by id, optionally locking them (FOR UPDATE, in id order). */
export async function opportunitiesById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, OpportunityRow>> {
  if (!ids.length) return new Map();
  const rows: OpportunityRow[] = await manager.query(
    `SELECT ${opportunityColumns()} FROM opportunities o
      WHERE o.id = ANY($1::uuid[]) AND o.deleted_at IS NULL
      ORDER BY o.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
