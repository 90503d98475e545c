/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { CombinedError } from 'urql';
import { tracedFetch } from '../graphql/traced-fetch';
import { initI18n } from '../i18n/i18n';
import { QueryError } from './QueryError';

/** A failed request as the portal's client sends it, with the trace id the (stubbed) network received. */
async function failedRequest(code: string): Promise<{ error: CombinedError; traceId: string }> {
  let traceparent = '';
  const answer = { ok: true, status: 200 } as Response;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
    traceparent = new Headers(init?.headers).get('traceparent') ?? '';
    return Promise.resolve(answer);
  };
  try {
    const response = await tracedFetch('/graphql', { method: 'POST' });
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Unexpected failure', extensions: { code } }],
      response,
    });
    return { error, traceId: traceparent.split('-')[1] ?? '' };
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe('QueryError', () => {
  it('shows the failed request’s reference, which the user can copy to quote to support', async () => {
    await initI18n('en');
    const { error, traceId } = await failedRequest('INTERNAL');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<QueryError error={error} />);
    expect(screen.getByText(/^Something went wrong \(Unexpected failure\)/)).toBeTruthy();
    expect(screen.getByTestId('request-reference').textContent).toBe(`Reference: ${traceId}`);
    fireEvent.click(screen.getByRole('button', { name: 'Copy the reference' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(traceId));
  });

  it('says it in Chinese too', async () => {
    await initI18n('zh-CN');
    const { error, traceId } = await failedRequest('INTERNAL');
    render(<QueryError error={error} />);
    expect(screen.getByTestId('request-reference').textContent).toBe(`参考编号：${traceId}`);
    expect(screen.getByRole('button', { name: '复制参考编号' })).toBeTruthy();
  });

  it('shows no reference on the no-access page: nothing failed there', async () => {
    await initI18n('en');
    const { error } = await failedRequest('FORBIDDEN');
    render(
      <MemoryRouter>
        <QueryError error={error} />
      </MemoryRouter>,
    );
    expect(screen.queryByTestId('request-reference')).toBeNull();
  });
});
