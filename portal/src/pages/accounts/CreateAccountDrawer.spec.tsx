/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { routerStub } from '../../test-support/router-stub';
import { DuplicateWarning } from './CreateAccountDrawer';

const duplicates = [
  {
    accountId: 'a1',
    name: 'Apex Medical Inc.',
    matchedOn: ['TAX_ID' as const, 'NAME' as const],
    account: { id: 'a1', name: 'Apex Medical Inc.' },
  },
  { accountId: 'a2', name: 'Apex Medical (South)', matchedOn: ['PHONE' as const], account: null },
];

jest.mock('react-router', () => routerStub);

describe('DuplicateWarning', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('links every candidate, says what matched, and lets the user create anyway when nothing was created', () => {
    const createAnyway = jest.fn();
    render(
      <>
        <DuplicateWarning duplicates={duplicates} created={null} creating={false} onCreateAnyway={createAnyway} />
      </>,
    );
    expect(screen.getByText('This account may already exist')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Apex Medical Inc.' }).getAttribute('href')).toBe('/accounts/a1');
    expect(screen.getByText('matched on tax id, name')).toBeTruthy();
    // Someone else's account: named, linked (its page offers "request access"), never shown.
    expect(screen.getByRole('link', { name: 'Apex Medical (South) (not shared with you)' }).getAttribute('href')).toBe(
      '/accounts/a2',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create anyway' }));
    expect(createAnyway).toHaveBeenCalledTimes(1);
  });

  it('after a creation with look-alikes, offers the new account instead of creating again', () => {
    render(
      <>
        <DuplicateWarning
          duplicates={duplicates}
          created={{ id: 'new', name: 'Apex Medical' }}
          creating={false}
          onCreateAnyway={jest.fn()}
        />
      </>,
    );
    expect(screen.getByText('Created — but similar accounts exist')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create anyway' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open the new account' }).getAttribute('href')).toBe('/accounts/new');
  });
});
