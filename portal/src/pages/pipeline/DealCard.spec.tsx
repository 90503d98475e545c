/** @jest-environment jsdom */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import type { ReactNode } from 'react';
import { CombinedError } from 'urql';
import type { PipelineBoardDealFragment, PipelineBoardQuery } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import type { DealCardBodyProps } from './DealCardBody';
import { PipelineBoardView } from './PipelineBoardView';

// Counts each card body's renders by deal id, keeping the real memo wrapper (its $$typeof and compare) around it.
const mockBodyRenders = new Map<string, number>();
jest.mock('./DealCardBody', () => {
  const actual = jest.requireActual<typeof import('./DealCardBody')>('./DealCardBody');
  const real = actual.DealCardBody as unknown as { type: (props: DealCardBodyProps) => ReactNode };
  return {
    ...actual,
    DealCardBody: {
      ...real,
      type: function CountedDealCardBody(props: DealCardBodyProps): ReactNode {
        mockBodyRenders.set(props.deal.id, (mockBodyRenders.get(props.deal.id) ?? 0) + 1);
        return real.type(props);
      },
    },
  };
});

function deal(id: string, name: string, account: PipelineBoardDealFragment['account']): PipelineBoardDealFragment {
  return {
    id,
    name,
    version: 1,
    amount: { amount: '1000.00', currencyCode: 'CNY' },
    expectedCloseDate: null,
    daysInStage: 1,
    isIdle: false,
    accountId: `acc-${id}`,
    account,
    stage: { id: 'discovery' },
  };
}

function boardOf(deals: PipelineBoardDealFragment[]): PipelineBoardQuery {
  const column = (id: string, name: string, nodes: PipelineBoardDealFragment[]) => ({
    stage: { id, name, kind: 'OPEN' as const, entryCriteria: [] },
    count: nodes.length,
    total: { amount: '0.00', currencyCode: 'CNY' },
    missingRates: [],
    deals: {
      edges: nodes.map((node) => ({ cursor: node.id, node })),
      pageInfo: { endCursor: null, hasNextPage: false },
    },
  });
  return {
    pipelineBoard: {
      companyCurrency: 'CNY',
      ratesAsOf: '2026-11-30',
      columns: [column('discovery', 'Discovery', deals), column('proposal', 'Proposal', [])],
    },
  };
}

function renderBoard(
  answer: () => { data: PipelineBoardQuery; error?: CombinedError; extensions?: Record<string, unknown> },
  roles: readonly string[] = ['sales-rep'],
) {
  const { client, sent } = fakeClient({ PipelineBoard: answer });
  render(
    <SalesPageHarness client={client} portal={signedInAs(roles)}>
      <PipelineBoardView pipelineId="p-1" />
    </SalesPageHarness>,
  );
  return { boardQueries: () => sent.filter((op) => op.kind === 'query').length };
}

function card(name: string): HTMLElement {
  return screen.getByText(name).closest<HTMLElement>('[data-deal-id]')!;
}

describe('a kanban deal card', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  beforeEach(() => mockBodyRenders.clear());
  afterEach(() => jest.restoreAllMocks());

  it.each([['auditor'], ['finance']])('shows %s the deals without a drag handle or move menu', async (role) => {
    renderBoard(() => ({ data: boardOf([deal('d-1', 'Alpha rollout', { id: 'acc-d-1', name: 'Alpha' })]) }), [role]);
    expect(await screen.findByText('Alpha rollout')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Move Alpha rollout/ })).toBeNull();
    expect(within(card('Alpha rollout')).queryAllByRole('button')).toEqual([]);
  });

  it('gives a rep the drag handle and the move menu', async () => {
    renderBoard(() => ({ data: boardOf([deal('d-1', 'Alpha rollout', { id: 'acc-d-1', name: 'Alpha' })]) }));
    expect(await screen.findByRole('button', { name: /^Move Alpha rollout \(Space/ })).toBeTruthy();
    expect(within(card('Alpha rollout')).getAllByRole('button').length).toBe(2);
  });

  it('does not re-render the other cards when a drag starts: only the picked-up card redraws', async () => {
    const deals = [
      deal('d-1', 'Alpha rollout', { id: 'acc-d-1', name: 'Alpha' }),
      deal('d-2', 'Beta renewal', { id: 'acc-d-2', name: 'Beta' }),
      deal('d-3', 'Gamma upsell', { id: 'acc-d-3', name: 'Gamma' }),
    ];
    renderBoard(() => ({ data: boardOf(deals) }));
    const handle = await screen.findByRole('button', { name: /^Move Alpha rollout \(Space/ });
    // jsdom lays nothing out: give every element a box, so the keyboard sensor can measure the card it picks up.
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 240, 100));
    const before = new Map(mockBodyRenders);

    handle.focus();
    await act(async () => {
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

    // The drag did start: the handle is pressed and the picked-up card is dimmed.
    expect(handle.getAttribute('aria-pressed')).toBe('true');
    expect(mockBodyRenders.get('d-1')).toBeGreaterThan(before.get('d-1')!);
    expect(mockBodyRenders.get('d-2')).toBe(before.get('d-2'));
    expect(mockBodyRenders.get('d-3')).toBe(before.get('d-3'));
  });

  it('shows a redacted account as hidden with its reason, and a failed one as "could not load" with a retry', async () => {
    const deals = [
      deal('d-1', 'Alpha rollout', { id: 'acc-d-1', name: 'Alpha' }),
      deal('d-2', 'Beta renewal', null),
      deal('d-3', 'Gamma upsell', null),
    ];
    // d-2's account is withheld from the caller; d-3's failed in the customer subgraph (a timeout, no redaction).
    const { boardQueries } = renderBoard(() => ({
      data: boardOf(deals),
      extensions: { redactedFields: [{ type: 'Opportunity', id: 'd-2', field: 'account' }] },
      error: new CombinedError({
        graphQLErrors: [
          new GraphQLError('Timeout calling the customer subgraph', {
            path: ['pipelineBoard', 'columns', 0, 'deals', 'edges', 2, 'node', 'account'],
            extensions: { code: 'SUBREQUEST_HTTP_ERROR' },
          }),
        ],
      }),
    }));
    await screen.findByText('Alpha rollout');

    expect(within(card('Alpha rollout')).getByText('Alpha')).toBeTruthy();
    expect(within(card('Beta renewal')).getByText('Hidden: the account is not shared with you')).toBeTruthy();
    const failed = card('Gamma upsell');
    expect(within(failed).queryByText(/^Hidden/)).toBeNull();
    expect(within(failed).getByText(/The account could not be loaded\./)).toBeTruthy();

    const sentBefore = boardQueries();
    fireEvent.click(within(failed).getByRole('button', { name: 'Retry' }));
    expect(boardQueries()).toBe(sentBefore + 1);
  });
});
