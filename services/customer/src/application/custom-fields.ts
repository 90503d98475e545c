import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InputError } from '@crm/platform/errors';
import { validateCustomFieldDefinition, type CustomFieldDefinition } from '../domain/custom-fields';
import { CustomFieldDefinitionEntity, type CustomFieldDefinitionRow } from '../db/custom-field-definition.entity';
import type { Actor } from './actor';

export type CustomObjectType = 'account' | 'contact';

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
      const repo = manager.getRepository(CustomFieldDefinitionEntity);
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
