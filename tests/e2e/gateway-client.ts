import { passwordToken } from '@crm/testing';

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  extensions?: { redactedFields?: { type: string; id: string; field: string }[]; [key: string]: unknown };
}

/** GraphQL over HTTP as a demo user (tokens cached until 30 s before they expire). */
export interface GraphQLClient {
  /** The `Authorization` header value for the user. */
  bearer(username: string): Promise<string>;
  gql<T>(as: string, query: string, variables?: Record<string, unknown>, url?: string): Promise<GraphQLBody<T>>;
  /** A call that must succeed (fixtures): throws with the errors otherwise. */
  must<T>(as: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlClient(defaultUrl: () => string): GraphQLClient {
  const tokens = new Map<string, { header: string; until: number }>();
  async function bearer(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached && cached.until > Date.now() + 30_000) return cached.header;
    const token = await passwordToken(username);
    const entry = { header: `Bearer ${token.accessToken}`, until: Date.now() + token.expiresIn * 1000 };
    tokens.set(username, entry);
    return entry.header;
  }
  async function gql<T>(as: string, query: string, variables: Record<string, unknown> = {}, url = defaultUrl()) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await bearer(as) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as GraphQLBody<T>;
    } catch {
      throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
    }
  }
  return {
    bearer,
    gql,
    async must<T>(as: string, query: string, variables: Record<string, unknown> = {}) {
      const body = await gql<T>(as, query, variables);
      if (body.errors?.length || !body.data) throw new Error(`${as}: ${JSON.stringify(body.errors ?? body)}`);
      return body.data;
    },
  };
}
