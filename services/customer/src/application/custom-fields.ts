import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InputError, PreconditionError } from '@crm/platform/errors';
import { validateCustomFieldDefinition, type CustomFieldDefinition } from '../domain/custom-fields';
import { CustomFieldDefinitionEntity, type CustomFieldDefinitionRow } from '../db/custom-field-definition.entity';
import type { Actor } from './actor';

export type CustomObjectType = 'account' | 'contact';

/**
 * Custom fields per object type, at most (Salesforce allows 500 on its largest edition). Every write validates every
 * definition of its object and the values live in one jsonb column, so the number is bounded; it also keeps
 * `customFieldDefinitions` a complete list without paging.
 */
export const MAX_CUSTOM_FIELDS_PER_OBJECT = 200;

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

/** Admin-defined fields per object type, validated on definition and on every write of a value. */
export class CustomFieldService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    objectType: CustomObjectType,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CustomFieldDefinitionRow[]> {
    return manager.getRepository(CustomFieldDefinitionEntity).find({ where: { objectType }, order: { key: 'ASC' } });
  }

  async definitions(objectType: CustomObjectType, manager?: EntityManager): Promise<CustomFieldDefinition[]> {
    return (await this.list(objectType, manager)).map(rowToDefinition);
  }

  async define(
    objectType: CustomObjectType,
    definition: CustomFieldDefinition,
    actor: Actor,
  ): Promise<CustomFieldDefinitionRow> {
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
      if (await repo.findOne({ where: { objectType, key: definition.key } })) {
        throw new ConflictError(`custom field ${definition.key} is already defined for ${objectType}`, {
          key: definition.key,
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
      };
      await repo.insert(row);
      return row;
    });
  }
}
