/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { AccountProfile } from './AccountProfile';
import { redactedFieldsOf } from './redacted-fields';
import { apexMedical } from './account-360-fixture';

// The icon package ships ES modules only; the profile's icons are decoration.
jest.mock('@ant-design/icons', () => ({ EyeInvisibleOutlined: () => null }));

const account = apexMedical;

const portal = {
  user: { id: 'u-1', username: 'rep.east1', displayName: 'Rep', roles: ['sales-rep'], teamIds: ['sales-east'] },
  locale: 'en',
  timeZone: 'Asia/Shanghai',
} as unknown as PortalContextValue;

describe('AccountProfile', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows the terms the API withheld as hidden with the reason, and the others as empty', () => {
    const redacted = redactedFieldsOf(
      {
        redactedFields: [
          { type: 'Account', id: 'acc-1', field: 'creditLimit' },
          { type: 'Account', id: 'acc-1', field: 'bankAccount' },
          { type: 'Account', id: 'other', field: 'paymentTerms' },
        ],
      },
      'acc-1',
    );
    render(
      <PortalContext.Provider value={portal}>
        <AccountProfile account={account} redacted={redacted} />
      </PortalContext.Provider>,
    );
    const hidden = screen.getAllByText('Hidden: only finance, the team’s manager and CRM administrators see it');
    expect(hidden).toHaveLength(2);
    expect(screen.getByText('Credit limit').closest('td')?.textContent).toContain('Hidden');
    expect(screen.getByText('Payment terms').closest('td')?.textContent).not.toContain('Hidden');
    // The rules' suggestion is shown next to the grade people set, without replacing it.
    expect(screen.getByText('The rules suggest A; the grade stays what people set.')).toBeTruthy();
  });
});
