import type { ApolloServerPlugin } from '@apollo/server';

/** One value a field-level rule hid from the caller: which object (GraphQL type and id) and which field. */
export interface RedactedField {
  type: string;
  id: string;
  field: string;
}

/** The part of a subgraph's request context that collects what field-level rules hid. */
export interface RedactionContext {
  /** JSON of each RedactedField, so the same field hidden twice is named once. */
  redactedFields: Set<string>;
}

/**
 * Records that a field resolved to null for this caller because of a field-level rule (not because it is empty).
 * Resolvers return null right after; the page still renders, and the response says what was hidden.
 */
export function redact(ctx: RedactionContext, hidden: RedactedField): null {
  ctx.redactedFields.add(JSON.stringify({ type: hidden.type, id: hidden.id, field: hidden.field }));
  return null;
}

/**
 * Adds `extensions.redactedFields: [{ type, id, field }]` to a response that hid something. The gateway merges
 * these from every subgraph of a query, so a client learns what it may not see across the whole graph.
 */
export const redactedFieldsPlugin: ApolloServerPlugin<RedactionContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !contextValue.redactedFields.size) return;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          redactedFields: [...contextValue.redactedFields].map((entry) => JSON.parse(entry) as RedactedField),
        };
      },
    };
  },
};
