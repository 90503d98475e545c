import { render } from '@testing-library/react';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Provider, type Client, type Operation, type OperationResult } from 'urql';
import { fromValue, never, pipe, toPromise } from 'wonka';
import { PortalContext, type PortalContextValue } from '../app/portal-context';
import type { PortalSession } from '../auth/session';

/** What the fake API answers for one operation (by its name); undefined leaves the operation pending. */
export type FakeAnswer = (operation: Operation) => Partial<OperationResult> | undefined;

/**
 * A urql client whose answers come from `answers` by operation name, recording every operation it was asked
 * (component specs check what a user's action sent).
 */
export function fakeClient(answers: Record<string, FakeAnswer>): { client: Client; sent: Operation[] } {
  const sent: Operation[] = [];
  const execute = (request: Operation) => {
    const definition = request.query.definitions.find((d) => d.kind === 'OperationDefinition');
    const operation = { ...request, kind: definition?.operation ?? 'query' } as Operation;
    sent.push(operation);
    const name = definition?.name?.value ?? '';
    const answer = answers[name]?.(operation);
    return answer ? fromValue({ operation, stale: false, hasNext: false, ...answer } as OperationResult) : never;
  };
  const client = {
    executeQuery: execute,
    executeMutation: execute,
    executeSubscription: execute,
    query: (query: unknown, variables: unknown) => ({
      toPromise: () => pipe(execute({ kind: 'query', query, variables } as unknown as Operation), toPromise),
    }),
  } as unknown as Client;
  return { client, sent };
}

/**
 * A fake answer for a cursor-paged list under `field`: the nodes of `pages[i]` for the i-th page, each page's
 * endCursor `p<i+1>`, so a client that pages on (`after`) gets them all, in turn.
 */
export function pagedAnswer(field: string, pages: readonly unknown[][]): FakeAnswer {
  return (operation) => {
    const after = (operation.variables as { after?: string | null } | undefined)?.after;
    const index = after ? Number(after.slice(1)) : 0;
    const nodes = pages[index] ?? [];
    const hasNextPage = index + 1 < pages.length;
    return {
      data: {
        [field]: { edges: nodes.map((node) => ({ node })), pageInfo: { endCursor: `p${index + 1}`, hasNextPage } },
      },
    };
  };
}

export function signedInAs(roles: readonly string[], id = 'user-1'): PortalContextValue {
  return {
    user: { id, username: 'rep.east1', displayName: 'Emma Eastwood', roles, teamIds: ['east'] },
    session: {} as PortalSession,
    config: { keycloakUrl: '', realm: 'crm', clientId: 'crm-portal', companyCurrency: 'CNY' },
    locale: 'en',
    setLocale: () => undefined,
    timeZone: 'Asia/Shanghai',
  };
}

/** A page as the signed-in portal renders it: router, antd App, the portal context and a fake API. */
export function SalesPageHarness({
  client,
  portal,
  children,
}: {
  client: Client;
  portal: PortalContextValue;
  children: ReactNode;
}): ReactNode {
  return (
    <MemoryRouter>
      <App>
        <PortalContext.Provider value={portal}>
          <Provider value={client}>{children}</Provider>
        </PortalContext.Provider>
      </App>
    </MemoryRouter>
  );
}

/** Renders `page` signed in with `roles`, against a fake API answering by operation name (role-gating specs). */
export function renderSignedIn(
  roles: readonly string[],
  page: ReactNode,
  answers: Record<string, FakeAnswer> = {},
): void {
  const { client } = fakeClient(answers);
  render(
    <SalesPageHarness client={client} portal={signedInAs(roles)}>
      {page}
    </SalesPageHarness>,
  );
}
