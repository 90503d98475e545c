import { Metadata, type Client } from '@grpc/grpc-js';
import { callUnary } from '@crm/platform/grpc';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { passwordToken } from './keycloak-tokens';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResponseBody<T> {
  data?: T;
  errors?: GraphQLErrorBody[];
  extensions?: Record<string, unknown>;
}

/** One message of a stream as a test reads it back. */
export interface StreamEvent {
  subject: string;
  type: string;
  id: string;
  aggregateId: string;
  /** `crm-aggregate-seq`: the event's place among its aggregate's events. */
  aggregateSequence: number;
  data: Uint8Array;
}

/** Calls a running service as the demo users of the realm: GraphQL over HTTP, gRPC with their token in metadata. */
export interface ServiceClient<C extends Client> {
  /** A gRPC call as a demo user (crm-admin `admin1` unless `as` names another; `as: null` sends no token). */
  call<Req, Res>(method: keyof C & string, request: Req, as?: string | null): Promise<Res>;
  /** A GraphQL request to `graphqlUrl`, as a demo user (admin1 by default; null: no token). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
  ): Promise<GraphQLResponseBody<T>>;
  /** A bearer token of a demo user, from the real Keycloak (cached for the test file). */
  token(username: string): Promise<string>;
  /** The Keycloak subject (user id) of a demo user. */
  userId(username: string): Promise<string>;
}

export function serviceClient<C extends Client>(grpc: C, graphqlUrl: string): ServiceClient<C> {
  const tokens = new Map<string, Promise<{ token: string; sub: string }>>();
  const login = (username: string) => {
    let pending = tokens.get(username);
    if (!pending) {
      pending = passwordToken(username).then((t) => ({ token: t.accessToken, sub: t.claims.sub }));
      tokens.set(username, pending);
    }
    return pending;
  };
  return {
    async call<Req, Res>(method: keyof C & string, request: Req, as: string | null = 'admin1'): Promise<Res> {
      const fn = (grpc[method] as unknown as (...args: unknown[]) => unknown).bind(grpc);
      const metadata = new Metadata();
      if (as) metadata.set('authorization', `Bearer ${(await login(as)).token}`);
      return callUnary<Req, Res>(fn as Parameters<typeof callUnary<Req, Res>>[0], request, { metadata });
    },
    async graphql<T>(query: string, variables?: Record<string, unknown>, as: string | null = 'admin1') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = `Bearer ${(await login(as)).token}`;
      const res = await fetch(graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLResponseBody<T>;
    },
    token: async (username) => (await login(username)).token,
    userId: async (username) => (await login(username)).sub,
  };
}

/** Every message on a stream, in order, with the headers the relay sets. */
export async function readStream(natsUrl: string, stream: string): Promise<StreamEvent[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream);
    const out: StreamEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq });
      if (!msg) continue;
      out.push({
        subject: msg.subject,
        type: msg.header.get('crm-event-type'),
        id: msg.header.get('Nats-Msg-Id'),
        aggregateId: msg.header.get('crm-aggregate-id'),
        aggregateSequence: Number(msg.header.get('crm-aggregate-seq')),
        data: msg.data,
      });
    }
    return out;
  } finally {
    await nc.close();
  }
}
