/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { PipelinePage } from './PipelinePage';

const pipeline = (id: string, name: string, isDefault = false) => ({ id, name, isDefault, stages: [] });

describe('PipelinePage', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('offers every pipeline in the picker, reading the pages after the first', async () => {
    const { client, sent } = fakeClient({
      PipelinePipelines: (operation) => ({
        data: (operation.variables as { after?: string | null }).after
          ? {
              pipelines: {
                edges: [{ node: pipeline('p2', 'Projects') }],
                pageInfo: { endCursor: 'c2', hasNextPage: false },
              },
            }
          : {
              pipelines: {
                edges: [{ node: pipeline('p1', 'Main', true) }],
                pageInfo: { endCursor: 'c1', hasNextPage: true },
              },
            },
      }),
    });
    render(
      <SalesPageHarness client={client} portal={signedInAs(['sales-rep'])}>
        <PipelinePage />
      </SalesPageHarness>,
    );
    const picker = await screen.findByRole('combobox', { name: 'Pipeline' });
    fireEvent.mouseDown(picker);
    await waitFor(() => expect(screen.getByTitle('Projects')).toBeTruthy());
    expect(screen.getAllByTitle('Main').length).toBeGreaterThan(0);
    const reads = sent.filter((o) =>
      o.query.definitions.some((d) => 'name' in d && d.name?.value === 'PipelinePipelines'),
    );
    expect(reads.map((o) => o.variables)).toEqual([
      { first: 100, after: null },
      { first: 100, after: 'c1' },
    ]);
  });
});
