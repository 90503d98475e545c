/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { initI18n } from '../i18n/i18n';
import { routerStub } from '../test-support/router-stub';
import { CreateAccountDrawer } from '../pages/accounts/CreateAccountDrawer';

jest.mock('react-router', () => routerStub);

/** The create-account drawer over a fake API that records each mutation's variables. */
function renderDrawer(): { sent: unknown[] } {
  const sent: unknown[] = [];
  const client = {
    executeQuery: () => fromValue({ data: undefined }),
    executeMutation: (operation: { variables: unknown }) => {
      sent.push(operation.variables);
      return fromValue({
        operation,
        data: { createAccount: { account: { id: 'a1', name: 'Apex Medical' }, duplicates: [] } },
      });
    },
  } as unknown as Client;
  render(
    <Provider value={client}>
      <App>
        <CreateAccountDrawer open onClose={() => undefined} />
      </App>
    </Provider>,
  );
  return { sent };
}

const type = (label: string, value: string): void => {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};

describe('ContactPointFields (in the create-account drawer)', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('refuses a phone that is not a number, naming the field, and sends nothing', async () => {
    const { sent } = renderDrawer();
    type('Name', 'Apex Medical');
    type('Phone 1', '12345');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/^Phone 1 is not a valid phone number/)).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('refuses a malformed email, naming the field', async () => {
    renderDrawer();
    type('Email 1', 'sales@apex');
    expect(await screen.findByText('Email 1 is not a valid email address, e.g. name@example.com.')).toBeTruthy();
  });

  it('sends every phone and email the user entered, trimmed and in order, blank rows left out', async () => {
    const { sent } = renderDrawer();
    type('Name', 'Apex Medical');
    type('Phone 1', ' 010 6552 9988 ');
    fireEvent.click(screen.getByRole('button', { name: 'Add a phone' }));
    type('Phone 2', '+86 138 0013 8000');
    fireEvent.click(screen.getByRole('button', { name: 'Add a phone' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add an email' }));
    type('Email 2', 'buyer@apex.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Phone 3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      account: {
        name: 'Apex Medical',
        phones: ['010 6552 9988', '+86 138 0013 8000'],
        emails: ['buyer@apex.example.com'],
      },
      duplicatePolicy: 'BLOCK',
    });
  });
});
