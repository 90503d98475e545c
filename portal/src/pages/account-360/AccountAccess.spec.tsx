/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { PortalContext } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { routerStub } from '../../test-support/router-stub';
import { signedInAs } from '../../test-support/sales-page-harness';
import { AccountNoAccess } from './AccountAccess';

jest.mock('react-router', () => routerStub);
// antd's form validation schedules with MessageChannel, which jest's jsdom environment does not expose.
class TimerMessageChannel {
  port1: { onmessage: ((event: { data: unknown }) => void) | null } = { onmessage: null };
  port2 = { postMessage: (data: unknown): void => void setTimeout(() => this.port1.onmessage?.({ data })) };
}
globalThis.MessageChannel ??= TimerMessageChannel as unknown as typeof globalThis.MessageChannel;

describe('AccountNoAccess', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows no account data, and sends an access request with the reason the user gives', async () => {
    const sent: unknown[] = [];
    const client = {
      executeQuery: () => never,
      executeMutation: (operation: { variables: unknown }) => {
        sent.push(operation.variables);
        return fromValue({ operation, data: { requestAccountAccess: { id: 'r1', status: 'PENDING' } } });
      },
    } as unknown as Client;
    render(
      <Provider value={client}>
        <>
          <PortalContext.Provider value={signedInAs(['sales-rep'])}>
            <App>
              <AccountNoAccess accountId="acc-1" />
            </App>
          </PortalContext.Provider>
        </>
      </Provider>,
    );
    expect(screen.getByText('You cannot open this')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Request access' }));
    fireEvent.change(screen.getByLabelText('Why you need it'), { target: { value: 'Joint bid with the east team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Request sent'));
    expect(sent).toEqual([{ input: { accountId: 'acc-1', access: 'READ', reason: 'Joint bid with the east team' } }]);
  });

  it('refuses to send a request without a reason', async () => {
    const client = { executeQuery: () => never, executeMutation: jest.fn() } as unknown as Client;
    render(
      <Provider value={client}>
        <PortalContext.Provider value={signedInAs(['sales-rep'])}>
          <AccountNoAccess accountId="acc-1" />
        </PortalContext.Provider>
      </Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Request access' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Say why you need access (1 to 1000 characters).')).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it.each([['auditor'], ['finance']])(
    'offers %s no access request (the service refuses one) but the way back',
    (role) => {
      const client = { executeQuery: () => never, executeMutation: jest.fn() } as unknown as Client;
      render(
        <Provider value={client}>
          <PortalContext.Provider value={signedInAs([role])}>
            <AccountNoAccess accountId="acc-1" />
          </PortalContext.Provider>
        </Provider>,
      );
      expect(screen.getByText('You cannot open this')).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
      expect(screen.getByRole('link', { name: /accounts/i })).toBeTruthy();
    },
  );
});
