/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { PaymentPlanEditor, planRemainder, type EditablePlan } from './PaymentPlanEditor';

const cny = (amount: string) => ({ amount, currencyCode: 'CNY' });
const plan: EditablePlan = {
  contractId: 'contract-1',
  version: 3,
  contractValue: cny('1000.10'),
  instalments: [
    { dueOn: '2026-12-01', amount: cny('600.00') },
    { dueOn: '2027-01-01', amount: cny('400.00') },
  ],
};

const overTheValue = new CombinedError({
  graphQLErrors: [
    new GraphQLError('instalments[1]: brings the plan to 1000.20 CNY, 0.10 CNY above the contract value 1000.10 CNY', {
      extensions: {
        code: 'BAD_USER_INPUT',
        violations: [
          {
            field: 'instalments[1]',
            rule: 'within_contract_value',
            message: 'brings the plan to 1000.20 CNY, 0.10 CNY above the contract value 1000.10 CNY',
          },
        ],
      },
    }),
  ],
});

function renderEditor(answer: () => { data?: unknown; error?: CombinedError }) {
  const saved = jest.fn();
  const { client, sent } = fakeClient({ OpportunitySetPaymentPlan: answer });
  render(
    <SalesPageHarness client={client} portal={signedInAs(['sales-rep'])}>
      <PaymentPlanEditor plan={plan} onClose={() => undefined} onSaved={saved} />
    </SalesPageHarness>,
  );
  const saves = () => sent.filter((op) => op.kind === 'mutation').map((op) => op.variables);
  return { saved, saves };
}

describe('the payment plan editor', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('computes what is left of the contract value exactly, ignoring a half-typed amount', () => {
    expect(planRemainder('1000.10', ['600.00', '400.00']).toFixed()).toBe('0.1');
    expect(planRemainder('0.3', ['0.1', '0.2']).isZero()).toBe(true);
    expect(planRemainder('100', ['12.', undefined, '30']).toFixed()).toBe('70');
  });

  it('shows the running remainder as the amounts change, and when they add up to the contract value', async () => {
    renderEditor(() => ({}));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('CN¥0.10 of the contract value is not planned yet.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Instalment 2 amount (CNY)'), { target: { value: '400.10' } });
    expect(await within(dialog).findByText('The instalments add up to the contract value.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Instalment 2 amount (CNY)'), { target: { value: '400.20' } });
    expect(await within(dialog).findByText('The instalments are CN¥0.10 above the contract value.')).toBeTruthy();
  });

  it('sends the instalments under the plan version and shows the API refusal on the instalment it names', async () => {
    const { saves, saved } = renderEditor(() => ({ error: overTheValue }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Instalment 2 amount (CNY)'), { target: { value: '400.20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add an instalment' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove instalment 3' }));
    fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
    await waitFor(() =>
      expect(saves()).toEqual([
        {
          contractId: 'contract-1',
          expectedVersion: 3,
          instalments: [
            { dueOn: '2026-12-01', amount: '600.00' },
            { dueOn: '2027-01-01', amount: '400.20' },
          ],
        },
      ]),
    );
    const field = within(dialog).getByLabelText('Instalment 2 amount (CNY)');
    // The rule in the user's words, amounts formatted (not the API's raw "1000.20 CNY").
    const message = await within(dialog).findByText(
      'The instalments may add up to at most the contract value CN¥1,000.10: up to instalment 2 they come to CN¥1,000.20, CN¥0.10 too much.',
    );
    // The message sits under the second instalment's amount, the field the API named.
    expect(field.closest('.ant-form-item')?.contains(message)).toBe(true);
    expect(saved).not.toHaveBeenCalled();
  });
});
