/** @jest-environment jsdom */
import { act, render, screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { routerStub } from '../../test-support/router-stub';
import { ImportMatchesTable } from './ImportMatchesTable';
import { ImportProgress } from './ImportProgress';

jest.mock('react-router', () => routerStub);

describe('ImportMatchesTable', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('lists per row the account it matches, why, and what the dry run would do, linking existing accounts', () => {
    render(
      <ImportMatchesTable
        dryRun
        truncated={false}
        matches={[
          { row: 2, accountId: 'a1', accountName: 'Shenzhen Test 0 Ltd', matchedOn: 'tax_id', outcome: 'skipped' },
          { row: 5, accountId: 'new', accountName: 'Repeated Co', matchedOn: 'phone', outcome: 'repeated' },
        ]}
      />,
    );
    expect(screen.getByRole('link', { name: 'Shenzhen Test 0 Ltd' }).getAttribute('href')).toBe('/accounts/a1');
    expect(screen.getByText('Tax id')).toBeTruthy();
    expect(screen.getByText('Would be skipped')).toBeTruthy();
    // A repeat of a row the dry run would create has no page yet.
    expect(screen.queryByRole('link', { name: 'Repeated Co' })).toBeNull();
    expect(screen.getByText('Repeats an earlier row of the file')).toBeTruthy();
  });
});

describe('ImportProgress', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => jest.useRealTimers());

  it('shows the upload percentage, then the server phase with the time elapsed', () => {
    jest.useFakeTimers();
    const { rerender } = render(<ImportProgress percent={42.7} onCancel={jest.fn()} />);
    expect(screen.getByText('Uploading 42%')).toBeTruthy();
    rerender(<ImportProgress percent={null} onCancel={jest.fn()} />);
    expect(screen.getByText('The server is reading the rows…')).toBeTruthy();
    act(() => jest.advanceTimersByTime(65_000));
    expect(screen.getByText(/^1:05 elapsed\./)).toBeTruthy();
  });
});
