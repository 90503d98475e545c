import type { EntityManager } from 'typeorm';
import type { DisqualifyReason, LeadStatus } from '../domain/lead-rules';

export type LeadSource = 'graphql' | 'web_form' | 'import';

/** The persistence model of a lead; the GraphQL Lead type is mapped from it. */
export interface LeadRow {
  id: string;
  companyName: string | null;
  personName: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  industry: string | null;
  region: string | null;
  source: LeadSource;
  formId: string | null;
  status: LeadStatus;
  ownerId: string | null;
  teamId: string | null;
  assignmentRuleId: string | null;
  disqualifyReason: DisqualifyReason | null;
  disqualifyNote: string | null;
  convertedAccountId: string | null;
  convertedContactId: string | null;
  convertedOpportunityId: string | null;
  convertedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  version: number;
}

/** The select list that reads a `leads` row (aliased `alias`) as a LeadRow. */
export function leadColumns(alias = 'l'): string {
  return `${alias}.id, ${alias}.company_name AS "companyName", ${alias}.person_name AS "personName", ${alias}.title,
    ${alias}.email, ${alias}.phone, ${alias}.industry, ${alias}.region, ${alias}.source, ${alias}.form_id AS "formId",
    ${alias}.status, ${alias}.owner_id AS "ownerId", ${alias}.team_id AS "teamId",
    ${alias}.assignment_rule_id AS "assignmentRuleId", ${alias}.disqualify_reason AS "disqualifyReason",
    ${alias}.disqualify_note AS "disqualifyNote", ${alias}.converted_account_id AS "convertedAccountId",
    ${alias}.converted_contact_id AS "convertedContactId",
    ${alias}.converted_opportunity_id AS "convertedOpportunityId", ${alias}.converted_at AS "convertedAt",
    ${alias}.created_by AS "createdBy", ${alias}.created_at AS "createdAt", ${alias}.updated_by AS "updatedBy",
    ${alias}.updated_at AS "updatedAt", ${alias}.version`;
}

/** Loads leads by id, optionally locking them (FOR UPDATE, in id order). */
export async function leadsById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, LeadRow>> {
  if (!ids.length) return new Map();
  const rows: LeadRow[] = await manager.query(
    `SELECT ${leadColumns()} FROM leads l WHERE l.id = ANY($1::uuid[]) ORDER BY l.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
