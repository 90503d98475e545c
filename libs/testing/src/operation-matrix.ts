import { Metadata, type Client, type ServiceDefinition } from '@grpc/grpc-js';
import type { GraphQLSchema } from 'graphql';
import type { Express } from 'express';
import { DomainError } from '@crm/platform/errors';
import { callUnary } from '@crm/platform/grpc';
import { graphqlRootOperations, httpRoutesOf, policyCoverage, type OperationPolicy } from '@crm/platform/policy';
import { dummyCall } from './graphql-dummy-call';
import { clientCredentialsToken, passwordToken } from './keycloak-tokens';

/**
 * The callers of every operation matrix: rep.east1 (sales-rep), manager.east (sales-manager), agent1 (service-agent),
 * service.manager (service-manager), finance1 (finance), auditor1 (auditor), admin1 (crm-admin), and svc: the
 * crm-services service account other services call with.
 */
export const MATRIX_CALLERS = [
  'rep.east1',
  'manager.east',
  'agent1',
  'service.manager',
  'finance1',
  'auditor1',
  'admin1',
  'svc',
] as const;

/** The service under test, as the matrix reaches it. */
export interface MatrixTarget {
  httpPort: number;
  http: Express;
  grpcClient?: Client;
}

export interface OperationMatrixOptions {
  /** The service's name in the test titles. */
  service: string;
  schema: GraphQLSchema;
  grpcDefinition?: ServiceDefinition;
  policy: OperationPolicy;
  /**
   * `'<kind> <operation>' → 'Y N ...'`, one letter per MATRIX_CALLERS entry: let in by the operation's rule (Y) or
   * refused by it before anything runs (N). Written by hand from the access model, never computed from the policy.
   */
  matrix: Record<string, string>;
  start(): Promise<MatrixTarget & { stop(): Promise<void> }>;
  /** A body for an HTTP route the matrix posts to (CSV header line by default). */
  httpBody?: (path: string) => { contentType: string; body: string };
}

const refusedByPolicy = (rule: unknown) => typeof rule === 'string' && rule.startsWith('operation-policy');

/**
 * The default-deny proof of one service: every GraphQL root field, gRPC method and HTTP route found in the code has a
 * rule in its policy table and a row in its hand-written matrix, and each caller is let in or refused as the row says.
 */
export function describeOperationMatrix(options: OperationMatrixOptions): void {
  const { schema, grpcDefinition, policy, matrix } = options;
  describe(`${options.service} operation policy (default deny)`, () => {
    let target: MatrixTarget & { stop(): Promise<void> };
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      target = await options.start();
      for (const caller of MATRIX_CALLERS) {
        tokens.set(
          caller,
          caller === 'svc'
            ? (await clientCredentialsToken('crm-services')).accessToken
            : (await passwordToken(caller)).accessToken,
        );
      }
    }, 120_000);
    afterAll(() => target?.stop());

    function operationsInCode() {
      return {
        graphql: graphqlRootOperations(schema),
        grpc: grpcDefinition ? Object.keys(grpcDefinition) : [],
        http: httpRoutesOf(target.http),
      };
    }

    it('has a rule for every GraphQL root field, gRPC method and HTTP route the code has, and none for others', () => {
      const coverage = policyCoverage(policy, operationsInCode());
      expect({ undeclared: coverage.undeclared, stale: coverage.stale }).toEqual({ undeclared: [], stale: [] });
      expect(coverage.declared).toBe(coverage.found);
    });

    it('has a row in the operation matrix for every operation the code has', () => {
      const ops = operationsInCode();
      const inCode = [
        ...ops.graphql.map((o) => `graphql ${o}`),
        ...ops.grpc.map((o) => `grpc ${o}`),
        ...ops.http.map((o) => `http ${o}`),
      ].sort();
      expect(Object.keys(matrix).sort()).toEqual(inCode);
    });

    /** Y: the rule let the caller in (whatever the operation then answered); N: refused by the operation policy. */
    async function outcome(operation: string, token: string): Promise<'Y' | 'N' | string> {
      const [kind, ...rest] = operation.split(' ');
      const name = rest.join(' ');
      const base = `http://127.0.0.1:${target.httpPort}`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      if (kind === 'graphql') {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify(dummyCall(schema, name)),
        });
        const body = (await res.json()) as {
          errors?: { extensions?: Record<string, unknown> }[];
          error?: Record<string, unknown>;
        };
        const ext = body.errors?.[0]?.extensions ?? body.error;
        if (ext?.code === 'UNAUTHENTICATED') return `unauthenticated: ${JSON.stringify(ext)}`;
        return refusedByPolicy(ext?.rule) ? 'N' : 'Y';
      }
      if (kind === 'grpc') {
        const client = target.grpcClient as unknown as Record<string, (...args: unknown[]) => unknown>;
        const fn = client[name].bind(client);
        const metadata = new Metadata();
        metadata.set('authorization', `Bearer ${token}`);
        // An empty message, decoded as the server would: every field at its default.
        const request = grpcDefinition![name].requestDeserialize(Buffer.alloc(0));
        try {
          await callUnary(fn as Parameters<typeof callUnary>[0], request, { metadata });
          return 'Y';
        } catch (error) {
          if (!(error instanceof DomainError)) return `not an answer of the service: ${String(error)}`;
          if (error.code === 'UNAUTHENTICATED') return `unauthenticated: ${error.message}`;
          return refusedByPolicy(error.details.rule) ? 'N' : 'Y';
        }
      }
      const [method, path] = name.split(' ');
      const sample =
        path === '/graphql'
          ? { contentType: 'application/json', body: '{"query":"{ __typename }"}' }
          : (options.httpBody?.(path) ?? { contentType: 'text/csv', body: 'name\n' });
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': sample.contentType },
        ...(method === 'POST' ? { body: sample.body } : {}),
      });
      const text = await res.text();
      if (res.status === 401) return `unauthenticated: ${text}`;
      if (res.status !== 403) return 'Y';
      return refusedByPolicy((JSON.parse(text) as { error?: { rule?: string } }).error?.rule) ? 'N' : 'Y';
    }

    it.each(Object.keys(matrix))('%s: each caller let in or refused as the matrix says', async (operation) => {
      const got: string[] = [];
      for (const caller of MATRIX_CALLERS) got.push(await outcome(operation, tokens.get(caller) as string));
      expect(got.join(' ')).toBe(matrix[operation].split(/\s+/).join(' '));
    });

    it('refuses a route that no rule names with 403, before any handler, even with a valid token', async () => {
      const res = await fetch(`http://127.0.0.1:${target.httpPort}/graphql/undeclared`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.get('admin1')}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: 'FORBIDDEN', rule: 'operation-policy.undeclared', operation: 'PUT /graphql/undeclared' },
      });
    });
  });
}
