import { compileUserPattern } from '../domain/user-pattern';
import { countedConnection, requireUuid, totalCountResolvers } from './connection';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import type { CustomFieldDefinitionInput, Resolvers } from './generated/resolver-types';

/** The input as a domain definition: a setting sent as an explicit null is unset, like one left out. */
function definitionOf(input: Omit<CustomFieldDefinitionInput, 'objectType'>): CustomFieldDefinition {
  const { key, label, type, required, options, min, max, maxLength, pattern } = input;
  return {
    key,
    label,
    type,
    required: required ?? false,
    ...(options != null && { options }),
    ...(min != null && { min }),
    ...(max != null && { max }),
    ...(maxLength != null && { maxLength }),
    ...(pattern != null && { pattern }),
  };
}

/** Custom field definitions: listed by anyone, defined, archived and unarchived by crm-admin (custom-fields.graphql). */
export const customFieldResolvers: Resolvers = {
  Query: {
    customFieldDefinitions: async (_, { objectType, includeArchived, first, after }, ctx) =>
      countedConnection(
        await ctx.services.customFields.list(objectType, ctx.actor, {
          includeArchived: includeArchived === true,
          first,
          after,
        }),
        ctx.services.exactCountUpTo,
      ),
  },
  CustomFieldDefinitionConnection: totalCountResolvers,
  Mutation: {
    defineCustomField: async (_, { input }, ctx) => {
      const { objectType, ...definition } = input;
      return ctx.services.customFields.define(objectType, definitionOf(definition), ctx.actor);
    },
    archiveCustomField: async (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.customFields.archive(id, ctx.actor);
    },
    unarchiveCustomField: async (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.customFields.unarchive(id, ctx.actor);
    },
  },
  CustomFieldDefinition: {
    options: (row) => row.options,
    patternEnforced: (row) => (row.pattern === null ? null : 'pattern' in compileUserPattern(row.pattern)),
  },
};
