/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { PortalContext, type PortalContextValue } from '../../app/portal-context';
import { initI18n } from '../../i18n/i18n';
import { AccountProfile, type Account360 } from './AccountProfile';
import { redactedFieldsOf } from './redacted-fields';

// The icon package ships ES modules only; the profile's icons are decoration.
jest.mock('@ant-design/icons', () => ({ EyeInvisibleOutlined: () => null }));

const account: Account360 = {
  id: 'acc-1',
  name: 'Apex Medical Inc.',
  taxId: '91310000MA1FL0XX1X',
  industry: 'healthcare',
  size: 'MEDIUM',
  website: null,
  addresses: [],
  phones: ['+8613800000000'],
  emails: [],
  tags: ['key-account'],
  grade: 'B',
  lifecycleStage: 'CUSTOMER',
  ownerId: 'u-1',
  owner: { id: 'u-1', displayName: 'Rep' },
  followUpDueAt: null,
  teamId: 'sales-east',
  customFields: {},
  description: null,
  lastActivityAt: null,
  ownerSince: null,
  deletedAt: null,
  mergedIntoId: null,
  version: 3,
  creditLimit: null,
  paymentTerms: null,
  bankName: null,
  bankAccount: null,
  taxRegistration: null,
  gradeSuggestion: { grade: 'A', score: 75, reasons: ['size medium: +10'] },
};

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
