/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { CombinedError } from 'urql';
import { tracedFetch } from '../graphql/traced-fetch';
import { initI18n } from '../i18n/i18n';
import { useErrorToast } from './use-error-toast';

/** A failed mutation as the portal's client sends it, with the trace id the (stubbed) network received. */
async function failedRequest(): Promise<{ error: CombinedError; traceId: string }> {
  let traceparent = '';
  const realFetch = globalThis.fetch;
  globalThis.fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
    traceparent = new Headers(init?.headers).get('traceparent') ?? '';
    return Promise.resolve({ ok: true, status: 200 } as Response);
  };
  try {
    const response = await tracedFetch('/graphql', { method: 'POST' });
    const error = new CombinedError({
      graphQLErrors: [{ message: 'ticket 42 is closed: reopen it first', extensions: { code: 'FAILED_PRECONDITION' } }],
      response,
    });
    return { error, traceId: traceparent.split('-')[1] ?? '' };
  } finally {
    globalThis.fetch = realFetch;
  }
}

function Failing({ error }: { error: CombinedError }): ReactNode {
  const showError = useErrorToast();
  return <Button onClick={() => showError(error)}>Save</Button>;
}

describe('an error toast', () => {
  afterEach(() => jest.useRealTimers());

  it('names the failure and offers the reference to copy, and stays long enough to copy it', async () => {
    await initI18n('en');
    const { error, traceId } = await failedRequest();
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    jest.useFakeTimers();
    render(
      <App>
        <Failing error={error} />
      </App>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await act(async () => jest.advanceTimersByTimeAsync(100));
    const toast = screen.getByTestId('error-toast');
    expect(toast.textContent).toContain('ticket 42 is closed: reopen it first');
    expect(screen.getByTestId('request-reference').textContent).toBe(`Reference: ${traceId}`);

    // antd's default would have closed it after 3 s.
    await act(async () => jest.advanceTimersByTimeAsync(6_000));
    expect(screen.queryByTestId('error-toast')).not.toBeNull();
    jest.useRealTimers();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the reference' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(traceId));
  });

  it('says it in Chinese too', async () => {
    await initI18n('zh-CN');
    const { error, traceId } = await failedRequest();
    render(
      <App>
        <Failing error={error} />
      </App>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('request-reference').textContent).toBe(`参考编号：${traceId}`));
    expect(screen.getByRole('button', { name: '复制参考编号' })).toBeTruthy();
  });
});
