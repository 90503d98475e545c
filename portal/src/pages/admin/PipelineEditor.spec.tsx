/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { initI18n } from '../../i18n/i18n';
import { PipelineEditor } from './PipelineEditor';
import type { AdminPipeline } from './pipeline-queries';

const stage = (id: string, name: string, kind: 'OPEN' | 'WON' | 'LOST', probability: string, position: number) => ({
  id,
  name,
  position,
  kind,
  probability,
  forecastCategory:
    kind === 'OPEN' ? ('PIPELINE' as const) : kind === 'WON' ? ('CLOSED' as const) : ('OMITTED' as const),
  entryCriteria: kind === 'OPEN' && position === 2 ? ['amount'] : [],
  idleDays: kind === 'OPEN' ? 14 : null,
});

const pipeline: AdminPipeline = {
  id: 'p1',
  name: '企业软件',
  businessLine: '软件许可',
  isDefault: true,
  version: 7,
  updatedAt: '2026-11-30T08:00:00Z',
  stages: [
    stage('s1', '初步接洽', 'OPEN', '10', 1),
    stage('s2', '方案报价', 'OPEN', '50', 2),
    stage('s3', '赢单', 'WON', '100', 3),
    stage('s4', '输单', 'LOST', '0', 4),
  ],
};

function mockClient() {
  const executeMutation = jest.fn(() =>
    fromValue({ data: { updatePipeline: { __typename: 'Pipeline', id: 'p1', version: 8 } } }),
  );
  return { client: { executeMutation } as unknown as Client, executeMutation };
}

describe('PipelineEditor', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('saves the reordered stage list with each kept stage under its id, against the version edited', async () => {
    const { client, executeMutation } = mockClient();
    const onClose = jest.fn();
    render(
      <Provider value={client}>
        <PipelineEditor pipeline={pipeline} onClose={onClose} />
      </Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move stage 2 up' }));
    const probability = screen.getAllByLabelText('Probability')[0];
    fireEvent.change(probability, { target: { value: '55.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    const [operation] = executeMutation.mock.calls[0] as unknown as [{ variables: { input: unknown } }];
    expect(operation.variables.input).toEqual({
      id: 'p1',
      expectedVersion: 7,
      name: '企业软件',
      businessLine: '软件许可',
      isDefault: true,
      stages: [
        {
          id: 's2',
          name: '方案报价',
          kind: 'OPEN',
          probability: '55.5',
          forecastCategory: 'PIPELINE',
          entryCriteria: ['amount'],
          idleDays: 14,
        },
        {
          id: 's1',
          name: '初步接洽',
          kind: 'OPEN',
          probability: '10',
          forecastCategory: 'PIPELINE',
          entryCriteria: [],
          idleDays: 14,
        },
        {
          id: 's3',
          name: '赢单',
          kind: 'WON',
          probability: '100',
          forecastCategory: 'CLOSED',
          entryCriteria: [],
          idleDays: null,
        },
        {
          id: 's4',
          name: '输单',
          kind: 'LOST',
          probability: '0',
          forecastCategory: 'OMITTED',
          entryCriteria: [],
          idleDays: null,
        },
      ],
    });
  });

  it('refuses a probability that is not a percentage and sends nothing', async () => {
    const { client, executeMutation } = mockClient();
    render(
      <Provider value={client}>
        <PipelineEditor pipeline={pipeline} onClose={() => undefined} />
      </Provider>,
    );
    fireEvent.change(screen.getAllByLabelText('Probability')[1], { target: { value: 'half' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    // antd validates asynchronously: under a loaded CI machine this takes more than findByText's default second.
    expect(
      await screen.findByText('A percentage from 0 to 100, at most two decimals', undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
  });
});
