/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import type { PipelineBoardDealFragment, PipelineBoardQuery } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { PipelineBoardView } from './PipelineBoardView';

const deal: PipelineBoardDealFragment = {
  id: 'deal-1',
  name: 'ERP rollout – Pinnacle',
  version: 4,
  amount: { amount: '1299500.00', currencyCode: 'CNY' },
  expectedCloseDate: null,
  daysInStage: 3,
  isIdle: false,
  accountId: 'acc-1',
  account: { id: 'acc-1', name: 'Pinnacle Analytics' },
  stage: { id: 'discovery' },
};

function column(
  id: string,
  name: string,
  deals: PipelineBoardDealFragment[],
  total: string | null,
  entryCriteria: string[] = [],
): PipelineBoardQuery['pipelineBoard']['columns'][number] {
  return {
    stage: { id, name, kind: 'OPEN', entryCriteria },
    count: deals.length,
    total: total === null ? null : { amount: total, currencyCode: 'CNY' },
    missingRates: total === null ? ['USD'] : [],
    deals: {
      edges: deals.map((node) => ({ cursor: node.id, node })),
      pageInfo: { endCursor: null, hasNextPage: false },
    },
  };
}

const board: PipelineBoardQuery = {
  pipelineBoard: {
    companyCurrency: 'CNY',
    ratesAsOf: '2026-11-30',
    columns: [
      column('discovery', 'Discovery', [deal], '1299500.00'),
      column('negotiation', 'Negotiation', [], '0.00', ['amount', 'nextStep']),
      column('proposal', 'Proposal', [], null, ['lineItems']),
    ],
  },
};

const refusal = new CombinedError({
  graphQLErrors: [
    new GraphQLError('input.nextStep: is required to enter the stage "Negotiation"', {
      extensions: { code: 'BAD_USER_INPUT', missingFields: ['nextStep'] },
    }),
  ],
});

function renderBoard(moveAnswers: (input: Record<string, unknown>) => { data?: unknown; error?: CombinedError }) {
  const { client, sent } = fakeClient({
    PipelineBoard: () => ({ data: board }),
    PipelineMoveStage: (operation) => moveAnswers(operation.variables?.input as Record<string, unknown>),
  });
  render(
    <SalesPageHarness client={client} portal={signedInAs(['sales-rep'])}>
      <PipelineBoardView pipelineId="p-1" />
    </SalesPageHarness>,
  );
  const moves = () => sent.filter((op) => op.kind === 'mutation').map((op) => op.variables?.input);
  return { moves };
}

// jsdom lays nothing out: give each column (and the card in it) a place, so the keyboard sensor can aim at columns.
function layOutColumns(): void {
  jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const section = this.closest<HTMLElement>('[data-kanban-column]');
    const columns = [...document.querySelectorAll('[data-kanban-column]')];
    const index = section ? columns.indexOf(section) : 0;
    const left = index * 300;
    const card = this.hasAttribute('data-deal-id');
    const rect = { x: left, y: card ? 140 : 100, left, top: card ? 140 : 100, width: card ? 240 : 264 };
    const height = card ? 100 : 600;
    return { ...rect, height, right: rect.left + rect.width, bottom: rect.top + height, toJSON: () => rect };
  });
}

describe('the pipeline kanban', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows every stage as a column with its deal count and the API total in the company currency', async () => {
    renderBoard(() => ({}));
    const discovery = await screen.findByRole('region', { name: 'Discovery' });
    expect(within(discovery).getByText('1 deal')).toBeTruthy();
    expect(within(discovery).getByText('CN¥1,299,500.00', { selector: 'strong' })).toBeTruthy();
    expect(within(discovery).getByText('ERP rollout – Pinnacle')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Negotiation' })).getByText('CN¥0.00', { selector: 'strong' }),
    ).toBeTruthy();
    // A column whose deals include a currency without a rate says so instead of a wrong sum.
    expect(
      within(screen.getByRole('region', { name: 'Proposal' })).getByText('No total: no rate for USD'),
    ).toBeTruthy();
  });

  it('moves a deal with the keyboard: Space picks it up, the right arrow chooses the next stage, Space drops it', async () => {
    const { moves } = renderBoard(() => ({ data: { moveOpportunityStage: { ...deal, status: 'OPEN' } } }));
    const handle = await screen.findByRole('button', { name: /^Move ERP rollout – Pinnacle \(Space/ });
    layOutColumns();
    handle.focus();
    await act(async () => {
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await act(async () => {
      fireEvent.keyDown(document, { code: 'ArrowRight', key: 'ArrowRight' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

    await act(async () => {
      fireEvent.keyDown(document, { code: 'Space', key: ' ' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await waitFor(() => expect(moves()).toEqual([{ id: 'deal-1', stageId: 'negotiation', expectedVersion: 4 }]));
  });

  it('asks for exactly the missing fields of a refused move, then retries the move with them', async () => {
    const { moves } = renderBoard((input) =>
      input.fields ? { data: { moveOpportunityStage: { ...deal, status: 'OPEN' } } } : { error: refusal },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Move ERP rollout – Pinnacle to another stage' }));
    fireEvent.click(await screen.findByText('Move to Negotiation'));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Negotiation needs more details')).toBeTruthy();
    // Only the field the API named: the amount is filled already, so it is not asked for.
    expect(
      within(dialog)
        .getAllByRole('textbox')
        .map((box) => box.id),
    ).toEqual(['missing-fields_nextStep']);
    expect(within(dialog).getByLabelText('Next step')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Next step'), { target: { value: 'Demo for the CFO' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save and move' }));
    await waitFor(() =>
      expect(moves()).toEqual([
        { id: 'deal-1', stageId: 'negotiation', expectedVersion: 4 },
        { id: 'deal-1', stageId: 'negotiation', expectedVersion: 4, fields: { nextStep: 'Demo for the CFO' } },
      ]),
    );
  });
});
