/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { initI18n } from '../../i18n/i18n';
import { LOOKUP_DEBOUNCE_MS, TicketAccountPicker, type TicketAccountMatch } from './TicketAccountPicker';

const match: TicketAccountMatch = {
  id: 'acc-1',
  name: 'Hangzhou Pumpworks Ltd.',
  maskedPhone: '+865•••••••234',
  owner: { id: 'u-1', displayName: 'Emma Eastwood' },
  contacts: [{ id: 'c-1', name: 'Zhou Min', maskedPhone: '+861•••••••678' }],
};

describe('TicketAccountPicker', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks the server once typing pauses, and shows each account with its owner and masked phone', async () => {
    const searches: unknown[] = [];
    const client = {
      executeQuery: (operation: { variables: { search: string } }) => {
        searches.push(operation.variables.search);
        return fromValue({ operation, data: { ticketAccountLookup: [match] } });
      },
    } as unknown as Client;
    const picked: unknown[] = [];
    render(
      <Provider value={client}>
        <TicketAccountPicker id="account" onPick={(m) => picked.push(m)} />
      </Provider>,
    );
    const input = screen.getByRole('combobox');
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: 'H' } });
    expect(screen.getByText('Type at least 2 characters.')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'Han' } });
    fireEvent.change(input, { target: { value: 'Hangzhou' } });
    await act(async () => {
      jest.advanceTimersByTime(LOOKUP_DEBOUNCE_MS);
    });
    expect(searches).toEqual(['Hangzhou']);
    expect(screen.getByText('Owner: Emma Eastwood · +865•••••••234')).toBeTruthy();
    fireEvent.click(screen.getByText('Hangzhou Pumpworks Ltd.'));
    expect(picked).toEqual([match]);
  });
});
