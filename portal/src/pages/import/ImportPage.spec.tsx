/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import { initI18n } from '../../i18n/i18n';
import { renderSignedIn } from '../../test-support/sales-page-harness';
import { ImportPage } from './ImportPage';

function renderAs(roles: string[]): void {
  renderSignedIn(roles, <ImportPage />);
}

describe('the import page follows the customer service rule for creating accounts', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([['auditor'], ['finance']])('tells %s they cannot import instead of a wizard that ends refused', (role) => {
    renderAs([role]);
    expect(screen.getByText('You cannot open this')).toBeTruthy();
    expect(screen.queryByText('Click or drag a CSV file here')).toBeNull();
  });

  it('gives a rep the wizard', () => {
    renderAs(['sales-rep']);
    expect(screen.getByText('Click or drag a CSV file here')).toBeTruthy();
    expect(screen.queryByText('You cannot open this')).toBeNull();
  });
});
