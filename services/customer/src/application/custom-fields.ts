import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InputError, NotAllowedError, NotFoundError, PreconditionError } from '@crm/platform/errors';
import { validateCustomFieldDefinition, type CustomFieldDefinition } from '../domain/custom-fields';
import { CustomFieldDefinitionEntity, type CustomFieldDefinitionRow } from '../db/custom-field-definition.entity';
import { has } from '../policy/account-access';
import type { Actor } from '@crm/platform/auth';
import { audit } from '@crm/platform/audit';
import {
  DEFAULT_EXACT_COUNT_BOUND,
  ascendingListPage,
  SqlParameters,
  type CountablePage,
} from '@crm/platform/pagination';

export type CustomObjectType = 'account' | 'contact';

/**
 * Custom fields per object type, at most (Salesforce allows 500 on its largest edition). Every write validates every
 * definition of its object and the values live in one jsonb column, so the number is bounded (archived ones count).
 * `customFieldDefinitions` is paged all the same, like every list of the API.
 */
export const MAX_CUSTOM_FIELDS_PER_OBJECT = 200;

/** The columns of a definition row under the entity's property names (raw SQL of the paged list). */
const DEFINITION_COLUMNS = `d.id, d.object_type AS "objectType", d.key, d.label, d.type, d.required, d.options, d.min,
  d.max, d.max_length AS "maxLength", d.pattern, d.created_by AS "createdBy", d.created_at AS "createdAt",
  d.archived_at AS "archivedAt", d.archived_by AS "archivedBy"`;

export function rowToDefinition(row: CustomFieldDefinitionRow): CustomFieldDefinition {
  return {
    key: row.key,
    label: row.label,
    type: row.type as CustomFieldDefinition['type'],
    required: row.required,
    ...(row.options ? { options: row.options } : {}),
    ...(row.min !== null ? { min: row.min } : {}),
    ...(row.max !== null ? { max: row.max } : {}),
    ...(row.maxLength !== null ? { maxLength: row.maxLength } : {}),
    ...(row.pattern !== null ? { pattern: row.pattern } : {}),
  };
}

/** Defining, archiving and unarchiving change every later write of the object type: crm-admin only. */
function requireAdmin(actor: Actor, action: string): void {
  if (!has(actor, 'crm-admin')) throw new NotAllowedError(`only crm-admin may ${action} custom fields`);
}

/** The fields a write of an object type checks values against, and the archived ones whose values it carries over. */
export interface CustomFieldsInForce {
  definitions: CustomFieldDefinition[];
  archivedKeys: string[];
}

/**
 * Admin-defined fields per object type, validated on definition and on every write of a value. Defining, archiving and
 * unarchiving are crm-admin only and audited; the values live in `accounts.custom_fields` (domain/custom-fields.ts).
 */
export class CustomFieldService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of definitions by key, then id; archived ones only when asked for, and only for crm-admin. */
  async list(
    objectType: CustomObjectType,
    actor: Actor,
    options: { includeArchived?: boolean; first?: number | null; after?: string | null } = {},
  ): Promise<CountablePage<CustomFieldDefinitionRow>> {
    if (options.includeArchived) requireAdmin(actor, 'list archived');
    const params = new SqlParameters();
    const conditions = [`d.object_type = ${params.add(objectType)}`];
    if (!options.includeArchived) conditions.push('d.archived_at IS NULL');
    return ascendingListPage<CustomFieldDefinitionRow>(this.dataSource, {
      select: `SELECT ${DEFINITION_COLUMNS} FROM custom_field_definitions d`,
      from: 'FROM custom_field_definitions d',
      conditions,
      params,
      order: [
        { column: 'd.key', type: 'text' },
        { column: 'd.id', type: 'uuid' },
      ],
      first: options.first,
      after: options.after,
      cursorOf: (row) => [row.key, row.id],
      exactCountUpTo: DEFAULT_EXACT_COUNT_BOUND,
    });
  }

  /** The definitions a write validates against: archived fields are neither required nor validated. */
  async definitions(objectType: CustomObjectType, manager?: EntityManager): Promise<CustomFieldDefinition[]> {
    return (await this.inForce(objectType, manager)).definitions;
  }

  async inForce(
    objectType: CustomObjectType,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CustomFieldsInForce> {
    const rows = await manager
      .getRepository(CustomFieldDefinitionEntity)
      .find({ where: { objectType }, order: { key: 'ASC' } });
    return {
      definitions: rows.filter((row) => !row.archivedAt).map(rowToDefinition),
      archivedKeys: rows.filter((row) => row.archivedAt).map((row) => row.key),
    };
  }

  async define(
    objectType: CustomObjectType,
    definition: CustomFieldDefinition,
    actor: Actor,
  ): Promise<CustomFieldDefinitionRow> {
    requireAdmin(actor, 'define');
    const violations = validateCustomFieldDefinition(definition);
    if (violations.length) throw new InputError(violations.map((v) => ({ ...v, path: ['input', ...v.path] })));
    return this.dataSource.transaction(async (manager) => {
      // Definitions of one object type are added one at a time, so the cap holds under concurrent calls.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('customer.custom_fields'), hashtext($1))`, [
        objectType,
      ]);
      const repo = manager.getRepository(CustomFieldDefinitionEntity);
      if ((await repo.count({ where: { objectType } })) >= MAX_CUSTOM_FIELDS_PER_OBJECT) {
        throw new PreconditionError(
          `${objectType} already has ${MAX_CUSTOM_FIELDS_PER_OBJECT} custom fields, the most an object type may have`,
          { rule: 'max_custom_fields', limit: MAX_CUSTOM_FIELDS_PER_OBJECT },
        );
      }
      const existing = await repo.findOne({ where: { objectType, key: definition.key } });
      if (existing) {
        const archived = existing.archivedAt ? ' (archived: unarchive it to use it again)' : '';
        throw new ConflictError(`custom field ${definition.key} is already defined for ${objectType}${archived}`, {
          key: definition.key,
          archived: !!existing.archivedAt,
        });
      }
      const row: CustomFieldDefinitionRow = {
        id: randomUUID(),
        objectType,
        key: definition.key,
        label: definition.label,
        type: definition.type,
        required: definition.required,
        options: definition.options ?? null,
        min: definition.min ?? null,
        max: definition.max ?? null,
        maxLength: definition.maxLength ?? null,
        pattern: definition.pattern ?? null,
        createdBy: actor.id,
        createdAt: new Date(),
        archivedAt: null,
        archivedBy: null,
      };
      await repo.insert(row);
      const settings = Object.entries(rowToDefinition(row)).map(([field, after]) => ({ field, before: null, after }));
      await audit(manager, actor, 'custom_field.define', { type: 'custom_field', id: row.id }, settings, {
        objectType,
        key: row.key,
      });
      return row;
    });
  }

  /** Hides the field from writes and lists; the values stored on records are kept. Archiving twice changes nothing. */
  async archive(id: string, actor: Actor): Promise<CustomFieldDefinitionRow> {
    return this.setArchived(id, actor, true);
  }

  /** Brings an archived field back, with the values records kept meanwhile. */
  async unarchive(id: string, actor: Actor): Promise<CustomFieldDefinitionRow> {
    return this.setArchived(id, actor, false);
  }

  private async setArchived(id: string, actor: Actor, archive: boolean): Promise<CustomFieldDefinitionRow> {
    requireAdmin(actor, archive ? 'archive' : 'unarchive');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(CustomFieldDefinitionEntity);
      const row = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('custom field', id);
      if (!!row.archivedAt === archive) return row;
      const before = row.archivedAt;
      row.archivedAt = archive ? new Date() : null;
      row.archivedBy = archive ? actor.id : null;
      await repo.save(row);
      await audit(
        manager,
        actor,
        archive ? 'custom_field.archive' : 'custom_field.unarchive',
        { type: 'custom_field', id: row.id },
        [{ field: 'archivedAt', before: before?.toISOString() ?? null, after: row.archivedAt?.toISOString() ?? null }],
        { objectType: row.objectType, key: row.key },
      );
      return row;
    });
  }
}
