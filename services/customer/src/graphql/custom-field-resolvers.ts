import type { CustomObjectType } from '../application/custom-fields';
import type { CustomFieldDefinitionRow } from '../db/custom-field-definition.entity';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import { compileUserPattern } from '../domain/user-pattern';
import { requireUuid } from './connection';
import type { CustomerContext } from './context';

/** Custom field definitions: listed by anyone, defined, archived and unarchived by crm-admin (custom-fields.graphql). */
export const customFieldResolvers = {
  Query: {
    customFieldDefinitions: async (
      _: unknown,
      { objectType, includeArchived }: { objectType: CustomObjectType; includeArchived?: boolean | null },
      ctx: CustomerContext,
    ) => ctx.services.customFields.list(objectType, ctx.actor, { includeArchived: includeArchived === true }),
  },
  Mutation: {
    defineCustomField: async (
      _: unknown,
      { input }: { input: CustomFieldDefinition & { objectType: CustomObjectType } },
      ctx: CustomerContext,
    ) => {
      const { objectType, ...definition } = input;
      return ctx.services.customFields.define(objectType, definition, ctx.actor);
    },
    archiveCustomField: async (_: unknown, { id }: { id: string }, ctx: CustomerContext) => {
      requireUuid(id, ['id']);
      return ctx.services.customFields.archive(id, ctx.actor);
    },
    unarchiveCustomField: async (_: unknown, { id }: { id: string }, ctx: CustomerContext) => {
      requireUuid(id, ['id']);
      return ctx.services.customFields.unarchive(id, ctx.actor);
    },
  },
  CustomFieldDefinition: {
    options: (row: CustomFieldDefinitionRow) => row.options,
    patternEnforced: (row: CustomFieldDefinitionRow) =>
      row.pattern === null ? null : 'pattern' in compileUserPattern(row.pattern),
  },
};
