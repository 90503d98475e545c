import type { EntityManager } from 'typeorm';
import type { AuditChange } from '@crm/platform/audit';
import { changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { isUuid } from '@crm/platform/ids';
import type { OpportunityRow } from '../db/opportunity.entity';
import { parseCalendarDate } from '../domain/calendar-date';
import { Exact, decimalText, parseDecimal } from '../domain/exact-decimal';
import { moneyMaxFractionDigits, moneyUpperBound, parseCurrency } from '../domain/money';
import { ViolationCollector, preconditionFailed, type FieldPath } from '../domain/rule-errors';
import type { DealFieldValues } from '../domain/stage-move';

/** The fields of a deal a user edits (updateOpportunity, and `fields` of a stage move); absent keys stay as they are. */
export interface DealFieldsInput {
  name?: string | null;
  amount?: string | null;
  currency?: string | null;
  expectedCloseDate?: string | null;
  /** A percent sets the override flag (stage moves keep it); null clears it back to the stage's default. */
  probability?: string | null;
  nextStep?: string | null;
  competitors?: string[] | null;
  description?: string | null;
  primaryContactId?: string | null;
}

/** Column, and how the value reads in the audit log and in OpportunityRow, per editable field. */
const columns = {
  name: ['name', 'name'],
  amount: ['amount', 'amount'],
  currency: ['currency', 'currency'],
  expectedCloseDate: ['expected_close_on', 'expectedCloseOn'],
  probability: ['probability', 'probability'],
  nextStep: ['next_step', 'nextStep'],
  competitors: ['competitors', 'competitors'],
  description: ['description', 'description'],
  primaryContactId: ['primary_contact_id', 'primaryContactId'],
} as const satisfies Record<keyof DealFieldsInput, readonly [string, keyof OpportunityRow]>;

type FieldName = keyof typeof columns;
type FieldValue = string | string[] | null;

export const maxCompetitors = 20;

function text(value: string | null | undefined, path: FieldPath, max: number, check: ViolationCollector) {
  const trimmed = value?.trim() ?? '';
  if ([...trimmed].length > max) check.add(path, 'max_length', `at most ${max} characters`);
  return trimmed || null;
}

function readCompetitors(input: string[] | null, path: FieldPath, check: ViolationCollector): string[] {
  const names: string[] = [];
  for (const [index, raw] of (input ?? []).entries()) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name || [...name].length > 120) check.add([...path, index], 'length', 'must be 1 to 120 characters');
    else if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  if (names.length > maxCompetitors) check.add(path, 'max_items', `at most ${maxCompetitors} competitors`);
  return names;
}

/** Checks every given field at once; violations name `path` + the field (e.g. input.amount). */
export function readDealFields(input: DealFieldsInput, path: FieldPath): Map<FieldName, FieldValue> {
  const check = new ViolationCollector();
  const values = new Map<FieldName, FieldValue>();
  const at = (field: string): FieldPath => [...path, field];
  for (const field of Object.keys(columns) as FieldName[]) {
    const value = input[field];
    if (value === undefined) continue;
    switch (field) {
      case 'name': {
        const name = text(input.name, at(field), 200, check);
        if (!name) check.add(at(field), 'required', 'must be 1 to 200 characters');
        values.set(field, name);
        break;
      }
      case 'amount':
        values.set(
          field,
          check.read(
            () =>
              decimalText(
                parseDecimal(value ?? '0', at(field), {
                  maxFractionDigits: moneyMaxFractionDigits,
                  min: '0',
                  max: moneyUpperBound,
                  maxExclusive: true,
                }),
              ),
            null,
          ),
        );
        break;
      case 'currency':
        values.set(
          field,
          check.read(() => parseCurrency(value, at(field)), null),
        );
        break;
      case 'expectedCloseDate':
        values.set(field, value === null ? null : check.read(() => parseCalendarDate(value, at(field)), null));
        break;
      case 'probability':
        values.set(
          field,
          value === null
            ? null
            : check.read(
                () => decimalText(parseDecimal(value, at(field), { maxFractionDigits: 2, min: '0', max: '100' })),
                null,
              ),
        );
        break;
      case 'nextStep':
        values.set(field, text(input.nextStep, at(field), 500, check));
        break;
      case 'description':
        values.set(field, text(input.description, at(field), 10_000, check));
        break;
      case 'competitors':
        values.set(field, readCompetitors(input.competitors ?? null, at(field), check));
        break;
      case 'primaryContactId':
        if (value !== null && !isUuid(String(value))) check.add(at(field), 'uuid', 'must be a UUID');
        values.set(field, value ?? null);
        break;
    }
  }
  if (values.has('currency') && values.get('currency') === null) values.delete('currency');
  check.throwIfAny();
  return values;
}

/** Normalised for comparison with what the row holds (numeric text like '1250000.5000' equals '1250000.5'). */
function same(field: FieldName, before: unknown, after: FieldValue): boolean {
  if ((field === 'amount' || field === 'probability') && typeof before === 'string' && typeof after === 'string') {
    return new Exact(before).eq(after);
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null);
}

/**
 * Writes the changed fields of a locked deal (version + 1) and returns them for the audit log, field by field. A
 * probability needs an open deal: won and lost deals carry 100 and 0.
 */
export async function writeDealFields(
  tx: EntityManager,
  deal: OpportunityRow,
  values: Map<FieldName, FieldValue>,
  actor: Actor,
  stageProbability: string,
  path: FieldPath,
): Promise<AuditChange[]> {
  const sets: string[] = [];
  const params: unknown[] = [deal.id];
  const changes: { field: string; before: unknown; after: unknown }[] = [];
  for (const [field, value] of values) {
    const [column, key] = columns[field];
    if (field === 'probability') {
      if (deal.status !== 'open') {
        throw preconditionFailed(
          [...path, 'probability'],
          'closed_deal',
          `the deal is ${deal.status}: reopen it first`,
        );
      }
      const overridden = value !== null;
      const probability = value ?? stageProbability;
      if (same(field, deal.probability, probability) && overridden === deal.probabilityOverridden) continue;
      params.push(probability, overridden);
      sets.push(`probability = $${params.length - 1}, probability_overridden = $${params.length}`);
      changes.push({ field, before: deal.probability, after: probability });
      continue;
    }
    if (same(field, deal[key], value)) continue;
    params.push(field === 'amount' && value === null ? '0' : value);
    sets.push(`${column} = $${params.length}`);
    changes.push({ field, before: deal[key], after: value });
  }
  if (!sets.length) return [];
  params.push(actor.id, new Date());
  await tx.query(
    `UPDATE opportunities SET ${sets.join(', ')}, updated_by = $${params.length - 1}, updated_at = $${params.length},
       version = version + 1 WHERE id = $1`,
    params,
  );
  return changesOf(changes);
}

/** What a stage's entry criteria look at: the deal's fields, its contact roles and its line items. */
export async function entryFieldValues(tx: EntityManager, deal: OpportunityRow): Promise<DealFieldValues> {
  const [counts]: { roles: number; items: number; primary: string | null }[] = await tx.query(
    `SELECT (SELECT count(*)::int FROM opportunity_contact_roles WHERE opportunity_id = $1) AS roles,
            (SELECT count(*)::int FROM opportunity_line_items WHERE opportunity_id = $1) AS items,
            (SELECT contact_id::text FROM opportunity_contact_roles WHERE opportunity_id = $1 AND is_primary) AS primary`,
    [deal.id],
  );
  return {
    amount: deal.amount,
    expectedCloseDate: deal.expectedCloseOn,
    nextStep: deal.nextStep,
    contactRoles: counts.roles > 0 ? counts.roles : null,
    lineItems: counts.items > 0 ? counts.items : null,
    competitors: deal.competitors,
    primaryContact: deal.primaryContactId ?? counts.primary,
    description: deal.description,
  };
}
