/** A GraphQL-shaped error response body, for answers the gateway gives without asking the engine. */
export function graphqlErrorBody(message: string, extensions: Record<string, unknown>): string {
  return JSON.stringify({ errors: [{ message, extensions }] });
}
